/**
 * The status-bar item: the selected GPU and the active config's peak memory per GPU, coloured by the fit
 * verdict; clicking it picks another GPU. Hidden unless the active editor holds a recognised config.
 */
import * as vscode from 'vscode';
import type { BreakdownParams, BreakdownResponse } from '../../server/src/protocol';
import { BREAKDOWN_REQUEST } from '../../server/src/protocol';
import { SELECT_GPU_COMMAND } from './commands/selectGpu';
import { gib } from './format';
import { sendRequest } from './languageClient';
import { isConfigDocument } from './target';

const UPDATE_DELAY_MS = 500;

export function createStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('peftLens.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'PEFT Lens: GPU and peak memory';
  item.command = SELECT_GPU_COMMAND;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = async () => {
    const doc = vscode.window.activeTextEditor?.document;
    const mine = ++generation;
    if (!isConfigDocument(doc)) return item.hide();
    try {
      const b = await sendRequest<BreakdownResponse>(BREAKDOWN_REQUEST, { uri: doc.uri.toString() } satisfies BreakdownParams);
      if (mine !== generation) return; // a newer update is on its way
      if (!b.format) return item.hide();
      render(item, b);
      item.show();
    } catch {
      if (mine === generation) item.hide();
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(update, UPDATE_DELAY_MS);
  };
  void update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && later()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('peftLens') && later()),
    { dispose: () => clearTimeout(timer) },
  );
}

function render(item: vscode.StatusBarItem, b: BreakdownResponse): void {
  const gpu = b.fit?.gpu ?? vscode.workspace.getConfiguration('peftLens').get<string>('gpu', '');
  const count = b.fit && b.fit.gpuCount > 1 ? ` × ${b.fit.gpuCount}` : '';
  const peak = b.memory ? ` · ≈ ${gib(b.memory.perGpuBytes)}` : '';
  item.text = `$(circuit-board) ${gpu}${count}${peak}`;
  const verdict = b.fit?.verdict;
  item.backgroundColor =
    verdict === 'does-not-fit' ? new vscode.ThemeColor('statusBarItem.errorBackground') : verdict === 'too-close-to-call' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**PEFT Lens** · ${b.method ?? 'config'} on \`${b.model?.id ?? 'unknown model'}\`\n\n`);
  if (b.memory) {
    tooltip.appendMarkdown(`Peak per GPU: ${gib(b.memory.peakAllocatedBytes)} allocated, ≈ ${gib(b.memory.perGpuBytes)} ± ${b.fit?.bandPercent ?? 0} % on the device\n\n`);
    tooltip.appendText(`Band ${gib(b.memory.band.low)}-${gib(b.memory.band.high)}: ${b.memory.band.why}.\n\n`);
  }
  else if (b.reason) tooltip.appendText(`${b.reason}\n\n`);
  if (b.fit) tooltip.appendText(`${b.fit.gpu}: ${b.fit.summary}\n\n`);
  tooltip.appendMarkdown('Click to pick another GPU.');
  item.tooltip = tooltip;
}
