/**
 * Multi-GPU (issue 15 item 7) and "does not fit" (item 10) in the extension host, the way a user gets there:
 * the config is typed into an empty file, the lens is read, and quick fixes are taken from the code
 * actions at the cursor, as the light bulb offers them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LargestFitResponse } from '../../../server/src/protocol';
import { eventually, test } from './harness';
import { codeOf, diagnosticsFor, openFile } from './workspace';

const LLAMA8B = ['base_model: meta-llama/Meta-Llama-3-8B', 'adapter: lora', 'lora_r: 16', 'lora_target_linear: true'];
// What axolotl cannot start without (a file it refuses gets no fit verdict), typed last so the tested lines stay put.
// The dataset in flow style: a block list would meet the editor's auto-indent.
const REQUIRED = ['lora_alpha: 32', 'gradient_accumulation_steps: 1', 'learning_rate: 0.0002', 'datasets: [{path: mhenrichsen/alpaca_2k_test, type: alpaca}]'];

/** Types the lines at the end of the document, closing any suggestion popup before each Enter. */
async function typeLines(editor: vscode.TextEditor, lines: string[]): Promise<void> {
  for (const line of lines) {
    await vscode.commands.executeCommand('type', { text: line });
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('type', { text: '\n' });
  }
  assert.equal(editor.document.getText(), `${lines.join('\n')}\n`, 'the text is as typed');
}

async function lensTitle(editor: vscode.TextEditor, matching: RegExp): Promise<string> {
  return eventually(`a lens matching ${matching}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
    return lenses?.map((l) => l.command?.title ?? '').find((t) => matching.test(t));
  });
}

/** The quick fixes at the cursor on `line` whose title matches, as the light bulb lists them. */
async function quickFix(editor: vscode.TextEditor, line: number, title: RegExp): Promise<vscode.CodeAction> {
  const at = new vscode.Position(line, 2);
  editor.selection = new vscode.Selection(at, at);
  return eventually(`a quick fix ${title} on line ${line + 1}`, async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(at, at));
    return actions?.find((a) => title.test(a.title));
  });
}

const peakOf = (title: string) => Number(/peak ≈ ([\d.]+) GiB/.exec(title)?.[1]);

test('ZeRO-3 typed without a GPU count: the lens says it assumed 1 GPU, the quick fix states 8, and the peak per GPU falls', async () => {
  const editor = await openFile('fixtures/fit/zero3.yml');
  await typeLines(editor, [...LLAMA8B, 'micro_batch_size: 1', 'sequence_len: 2048', 'deepspeed: deepspeed_configs/zero3_bf16.json', ...REQUIRED]);
  const before = await lensTitle(editor, /assumed 1 GPU, DeepSpeed ZeRO-3 shards across N/);
  // The file is not in this workspace: a warning at the path says where it was looked for.
  const ds = await diagnosticsFor(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'estimate/deepspeed-file-missing'));
  assert.match(ds.find((d) => codeOf(d) === 'estimate/deepspeed-file-missing')!.message, /axolotl fetch deepspeed_configs/);
  const fix = await quickFix(editor, 6, /^Estimate on 8 GPUs/);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  assert.equal(editor.document.lineAt(0).text, '# peft-lens: gpus=8');
  const after = await lensTitle(editor, /peak ≈ .* per GPU · . [a-z ]+ H100-80GB$/);
  assert.ok(peakOf(after) < peakOf(before) - 10, `${after} after ${before}`);
});

test('a launch comment typed above the config sets the GPU count', async () => {
  const editor = await openFile('fixtures/fit/zero3.yml');
  await editor.edit((e) => e.delete(editor.document.lineAt(0).rangeIncludingLineBreak));
  const before = await lensTitle(editor, /assumed 1 GPU/);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await vscode.commands.executeCommand('type', { text: '# accelerate launch --num_processes 4 -m axolotl.cli.train zero3.yml\n' });
  const after = await lensTitle(editor, /^(?!.*assumed).*peak ≈ .* per GPU/);
  assert.ok(peakOf(after) < peakOf(before) - 10, `${after} after ${before}`);
});

test('a config that does not fit: the quick fix on the lens line applies a smaller micro-batch with the same effective batch, and it fits', async () => {
  const editor = await openFile('fixtures/fit/big.yml');
  await typeLines(editor, [...LLAMA8B, 'micro_batch_size: 8', 'sequence_len: 4096', ...REQUIRED]);
  await lensTitle(editor, /✗ does not fit H100-80GB/);
  const fix = await quickFix(editor, 1, /^Micro-batch 1 with 8 accumulation steps .*→ [\d.]+ GiB per GPU \(fits H100-80GB\)$/);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  assert.match(editor.document.getText(), /^micro_batch_size: 1$/m);
  assert.match(editor.document.getText(), /^gradient_accumulation_steps: 8$/m);
  const promised = Number(/→ ([\d.]+) GiB/.exec(fix.title)![1]);
  const title = await lensTitle(editor, /✓ fits H100-80GB/);
  assert.equal(peakOf(title), promised, 'the lens says the peak the fix promised');
});

test('Largest Batch and Sequence applies the sequence length, rounded down to a multiple of 64', async () => {
  const editor = await openFile('fixtures/fit/largest.yml');
  await typeLines(editor, [...LLAMA8B, 'micro_batch_size: 2', 'sequence_len: 2048', 'gradient_checkpointing: true', ...REQUIRED]);
  await lensTitle(editor, /fits H100-80GB/);
  const fit = await vscode.commands.executeCommand<LargestFitResponse>('peftLens.largestFit', editor.document.uri, 'sequenceLength');
  assert.ok(fit?.available, fit?.reason);
  const s = fit.sequenceLength!.value;
  assert.equal(s % 64, 0);
  assert.equal(editor.document.lineAt(5).text, `sequence_len: ${s}`);
  await lensTitle(editor, /✓ fits H100-80GB/);
});
