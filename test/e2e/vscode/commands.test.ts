import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BreakdownResponse, CompareRanksResponse, LargestFitResponse } from '../../../server/src/protocol';
import { webviewTab } from './features.test';
import { eventually, test } from './harness';
import { acceptFirstQuickPickItem, openFile } from './workspace';

const EXAMPLE = 'examples/axolotl/qlora-llama-3-8b.yml';

test('PEFT commands are in the palette under the PEFT category', async () => {
  const all = await vscode.commands.getCommands(true);
  for (const id of ['peftLens.showBreakdown', 'peftLens.compareRanks', 'peftLens.largestFit', 'peftLens.selectGpu', 'peftLens.insertMethod']) {
    assert.ok(all.includes(id), `${id} registered`);
  }
  const pkg = vscode.extensions.getExtension('peft-lens.peft-lens')!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
  assert.ok(pkg.contributes.commands.every((c) => c.category === 'PEFT'));
});

test('Show Memory Breakdown opens a view with a bar per memory term', async () => {
  await openFile(EXAMPLE);
  const b = await vscode.commands.executeCommand<BreakdownResponse>('peftLens.showBreakdown');
  assert.ok(b, 'the command answers');
  assert.equal(b.format, 'axolotl');
  assert.equal(b.method, 'qlora');
  assert.ok(b.available, b.reason);
  assert.ok(b.memory && b.memory.terms.length >= 3, 'weights, optimizer states, activations at least');
  const sum = b.memory.terms.reduce((s, t) => s + t.bytes, 0);
  assert.ok(sum > 0 && b.memory.peakAllocatedBytes > 0);
  assert.ok(b.params && b.params.trainable > 0 && b.params.trainable < b.params.total);
  await eventually('the breakdown tab', () => webviewTab('Memory · qlora-llama-3-8b.yml'));
});

test('Compare Adapter Ranks tabulates r = 4 … 256 with the file\'s rank marked', async () => {
  await openFile(EXAMPLE);
  const c = await vscode.commands.executeCommand<CompareRanksResponse>('peftLens.compareRanks');
  assert.ok(c?.available, c?.reason);
  assert.deepEqual(c.rows.map((r) => r.r), [4, 8, 16, 32, 64, 128, 256]);
  assert.equal(c.currentRank, 32);
  assert.deepEqual(c.rows.filter((r) => r.current).map((r) => r.r), [32]);
  const trainable = c.rows.map((r) => r.trainable ?? 0);
  assert.ok(trainable.every((t, i) => i === 0 || t > trainable[i - 1]), `trainable grows with r: ${trainable.join(', ')}`);
  await eventually('the ranks tab', () => webviewTab('Ranks · qlora-llama-3-8b.yml'));
});

test('Largest Batch and Sequence That Fit answers for the selected GPU', async () => {
  await openFile(EXAMPLE);
  const fit = await vscode.commands.executeCommand<LargestFitResponse>('peftLens.largestFit');
  assert.ok(fit?.available, fit?.reason);
  assert.equal(fit.gpu, vscode.workspace.getConfiguration('peftLens').get('gpu'));
  assert.ok(fit.microBatchSize && fit.microBatchSize.value >= 1, 'some micro-batch fits on the default GPU');
  assert.equal(fit.microBatchSize.atSequenceLength, 4096);
  assert.ok(fit.sequenceLength && fit.sequenceLength.value >= 4096);
});

test('Select Target GPU updates peftLens.gpu and the estimate follows', async () => {
  await openFile(EXAMPLE);
  const config = () => vscode.workspace.getConfiguration('peftLens');
  const before = config().get<string>('gpu');
  try {
    const chosen = await vscode.commands.executeCommand<string>('peftLens.selectGpu', 'A100-40GB');
    assert.equal(chosen, 'A100-40GB');
    assert.equal(config().get('gpu'), 'A100-40GB');
    const b = await eventually('a breakdown checked against the new GPU', async () => {
      const r = await vscode.commands.executeCommand<BreakdownResponse>('peftLens.showBreakdown');
      return r?.fit?.gpu === 'A100-40GB' ? r : undefined;
    });
    assert.notEqual(b.fit!.verdict, 'unknown');
  } finally {
    await config().update('gpu', before === 'H100-80GB' ? undefined : before, vscode.ConfigurationTarget.Global);
  }
});

test('Select Target GPU offers the catalog in a quick pick', async () => {
  await openFile(EXAMPLE);
  const config = () => vscode.workspace.getConfiguration('peftLens');
  const before = config().get<string>('gpu');
  try {
    const chosen = await acceptFirstQuickPickItem(vscode.commands.executeCommand<string>('peftLens.selectGpu'));
    assert.ok(chosen, 'a GPU was chosen');
    assert.equal(config().get('gpu'), chosen);
  } finally {
    await config().update('gpu', before === 'H100-80GB' ? undefined : before, vscode.ConfigurationTarget.Global);
  }
});
