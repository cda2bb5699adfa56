/** PEFT: Select Target GPU — a pick of the server's GPU catalog; the choice goes into `peftLens.gpu`. */
import * as vscode from 'vscode';
import type { GpuInfo, GpusResponse } from '../../../server/src/protocol';
import { GPUS_REQUEST } from '../../../server/src/protocol';
import { gib } from '../format';
import { sendRequest } from '../languageClient';

export const SELECT_GPU_COMMAND = 'peftLens.selectGpu';

/** `name`: choose without asking (keybindings, tests); it must be in the catalog. Returns the GPU chosen. */
export async function selectGpu(name?: unknown): Promise<string | undefined> {
  const catalog = await sendRequest<GpusResponse>(GPUS_REQUEST, {});
  const chosen = typeof name === 'string' ? catalog.gpus.find((g) => g.name === name) : await pick(catalog);
  if (!chosen) {
    if (typeof name === 'string') void vscode.window.showErrorMessage(`PEFT Lens: ${name} is not in the GPU catalog.`);
    return undefined;
  }
  const config = vscode.workspace.getConfiguration('peftLens');
  // Change the setting where it is set now, so a workspace's choice is not shadowed by a user-level write.
  const target = config.inspect<string>('gpu')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('gpu', chosen.name, target);
  return chosen.name;
}

async function pick(catalog: GpusResponse): Promise<GpuInfo | undefined> {
  const items = catalog.gpus.map((gpu) => ({
    label: gpu.name,
    description: `${gib(gpu.memoryBytes)}${gpu.bf16 ? '' : ' · no bf16'}${gpu.name === catalog.selected ? ' · selected' : ''}`,
    detail: gpu.description,
    gpu,
  }));
  const choice = await vscode.window.showQuickPick(items, {
    title: 'PEFT Lens: GPU to check memory against',
    placeHolder: `now ${catalog.selected}${catalog.gpuCount > 1 ? ` × ${catalog.gpuCount}` : ''}`,
    matchOnDetail: true,
  });
  return choice?.gpu;
}
