/**
 * PEFT: Select Target GPU — a pick of the server's GPU catalog, opened at the GPU selected now and
 * showing, for the active config, whether it fits on each card; the choice goes into `peftLens.gpu`.
 */
import * as vscode from 'vscode';
import type { GpuFit, GpuInfo, GpusParams, GpusResponse } from '../../../server/src/protocol';
import { GPUS_REQUEST } from '../../../server/src/protocol';
import { gib } from '../format';
import { sendRequest } from '../languageClient';
import { isConfigDocument } from '../target';

export const SELECT_GPU_COMMAND = 'peftLens.selectGpu';

/** `name`: choose without asking (keybindings, tests); it must be in the catalog. Returns the GPU chosen. */
export async function selectGpu(name?: unknown): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const params: GpusParams = typeof name !== 'string' && isConfigDocument(active) ? { uri: active.uri.toString() } : {};
  const catalog = await sendRequest<GpusResponse>(GPUS_REQUEST, params);
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

const ICON = { fits: '$(pass)', 'too-close-to-call': '$(warning)', 'does-not-fit': '$(error)', unknown: '$(question)' } as const;

function fitText(fit: GpuFit | undefined): string {
  if (!fit) return '';
  const need = fit.requiredBytes !== undefined ? ` (≈ ${gib(fit.requiredBytes)})` : '';
  return ` · ${ICON[fit.verdict]} ${fit.verdict.replace(/-/g, ' ')}${need}`;
}

function pick(catalog: GpusResponse): Promise<GpuInfo | undefined> {
  const fits = new Map((catalog.fits ?? []).map((f) => [f.gpu, f]));
  const items = catalog.gpus.map((gpu) => ({
    label: gpu.name,
    description: `${gib(gpu.memoryBytes)}${gpu.bf16 ? '' : ' · no bf16'}${fitText(fits.get(gpu.name))}${gpu.name === catalog.selected ? ' · selected' : ''}`,
    detail: gpu.description,
    gpu,
  }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = 'PEFT Lens: GPU to check memory against';
  quickPick.placeholder = `now ${catalog.selected}${catalog.gpuCount > 1 ? ` × ${catalog.gpuCount}` : ''}`;
  quickPick.matchOnDetail = true;
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  // Open at the GPU selected now, so Enter keeps it and the arrows move to its neighbours.
  const current = items.find((i) => i.gpu.name === catalog.selected);
  if (current) quickPick.activeItems = [current];
  return new Promise((resolve) => {
    let chosen: GpuInfo | undefined;
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0]?.gpu ?? quickPick.activeItems[0]?.gpu;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
    if (current) quickPick.activeItems = [current];
  });
}
