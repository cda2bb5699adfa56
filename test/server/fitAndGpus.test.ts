/**
 * Multi-GPU and "how to fit" through the real server: the DeepSpeed file found in the workspace on disk,
 * the GPU-count hint and its fix as code actions, the fit fixes on the lens line, and the edits that
 * Largest Batch and Sequence's buttons apply.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LargestFitResponse } from '../../server/src/protocol';
import { LARGEST_FIT_REQUEST } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics?: { code: string }[];
  edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

const LLAMA8B = 'base_model: meta-llama/Meta-Llama-3-8B\nadapter: lora\nlora_r: 16\nlora_target_linear: true\n';
// What axolotl cannot start without (a file it refuses gets no fit verdict), last so the tested lines stay put.
const REQUIRED = 'lora_alpha: 32\ngradient_accumulation_steps: 1\nlearning_rate: 0.0002\ndatasets:\n  - path: mhenrichsen/alpaca_2k_test\n    type: alpaca\n';

describe('multi-GPU and how to fit, over stdio', () => {
  let s: LspSession;
  let ws: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'peft-lens-fit-'));
    mkdirSync(join(ws, 'configs'));
    writeFileSync(join(ws, 'configs', 'ds_z3.json'), JSON.stringify({ zero_optimization: { stage: 2 } }));
    s = await startSession({ pull: true, rootPath: ws });
  });
  after(async () => {
    await s.close();
    rmSync(ws, { recursive: true, force: true });
  });

  const diagnostics = async (uri: string) => ((await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string; severity: number; range: { start: { line: number } } }[] }).items;
  const actionsAt = (uri: string, line: number, character = 2) =>
    s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [] } }) as Promise<Action[]>;

  test('a DeepSpeed file missing from the workspace root and from beside the config is a warning at its value', async () => {
    const uri = s.open(join(ws, 'configs', 'missing.yml'), `${LLAMA8B}deepspeed: ds/zero3.json\n${REQUIRED}`);
    const missing = (await diagnostics(uri)).find((d) => d.code === 'estimate/deepspeed-file-missing');
    assert.ok(missing);
    assert.equal(missing.severity, 2);
    assert.equal(missing.range.start.line, 4);
  });

  test('a DeepSpeed file found beside the config is read (its stage, not its name) and the fix writes the root-relative path', async () => {
    const uri = s.open(join(ws, 'configs', 'beside.yml'), `# peft-lens: gpus=2\n${LLAMA8B}deepspeed: ds_z3.json\n${REQUIRED}`);
    assert.ok((await diagnostics(uri)).some((d) => d.code === 'estimate/deepspeed-file-beside'));
    const r = (await s.connection.sendRequest('peftLens/estimate', { uri })) as { plan: { training: { sharding: { value: { stage: number }; assumed: string } } } };
    assert.equal(r.plan.training.sharding.value.stage, 2);
    assert.match(r.plan.training.sharding.assumed, /read from `.*configs\/ds_z3\.json` \(beside the config\)/);
    const fix = (await actionsAt(uri, 5, 12)).find((a) => a.title.startsWith('Write the path from the workspace root'))!;
    assert.equal(fix.edit.changes[uri][0].newText, 'configs/ds_z3.json');
  });

  test('ZeRO-3 on the assumed single GPU: an info on the deepspeed key whose fixes write the first-line comment', async () => {
    const uri = s.open(join(ws, 'z3.yml'), `${LLAMA8B}deepspeed: deepspeed_configs/zero3_bf16.json\nmicro_batch_size: 1\n${REQUIRED}`);
    const hint = (await diagnostics(uri)).find((d) => d.code === 'estimate/gpus-assumed');
    assert.ok(hint);
    assert.equal(hint.severity, 3);
    const fixes = (await actionsAt(uri, 4)).filter((a) => a.diagnostics?.[0].code === 'estimate/gpus-assumed');
    assert.deepEqual(fixes.map((a) => a.edit.changes[uri][0].newText), ['# peft-lens: gpus=2\n', '# peft-lens: gpus=4\n', '# peft-lens: gpus=8\n']);
    const lenses = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    assert.match(lenses[0].command.title, /assumed 1 GPU, DeepSpeed ZeRO-3 shards across N/);
  });

  test('on the lens line of a file that does not fit, the changes that make it fit are quick fixes with their new peak', async () => {
    const uri = s.open(join(ws, 'big.yml'), `${LLAMA8B}micro_batch_size: 8\nsequence_len: 4096\n${REQUIRED}`);
    const fits = (await actionsAt(uri, 1)).filter((a) => !a.diagnostics);
    assert.deepEqual(fits.map((a) => a.title.split(':')[0]), ['Micro-batch 1 with 8 accumulation steps (the same effective batch of 8)', 'Turn on gradient checkpointing', 'Use a chunked cross-entropy (`chunked_cross_entropy']);
    assert.ok(fits.every((a) => a.kind === 'quickfix' && /peak [\d.]+ GiB → [\d.]+ GiB per GPU/.test(a.title)));
    assert.deepEqual((await actionsAt(uri, 2)).filter((a) => !a.diagnostics), [], 'not on other lines');
    const lenses = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string; tooltip: string } }[];
    assert.match(lenses[0].command.tooltip, /quick fixes on this line .* make it fit/);
  });

  test('largestFit answers with the edits its buttons apply, the length rounded down to a multiple of 64', async () => {
    const text = `${LLAMA8B}micro_batch_size: 2\nsequence_len: 2048\ngradient_checkpointing: true\n${REQUIRED}`;
    const uri = s.open(join(ws, 'largest.yml'), text);
    const f = (await s.connection.sendRequest(LARGEST_FIT_REQUEST, { uri })) as LargestFitResponse;
    assert.ok(f.available, f.reason);
    assert.equal(f.sequenceLength!.value % 64, 0);
    const seq = f.apply!.sequenceLength!;
    assert.deepEqual(seq.edits, [{ range: { start: { line: 5, character: 14 }, end: { line: 5, character: 18 } }, newText: String(f.sequenceLength!.value) }]);
    assert.deepEqual(f.apply!.microBatchSize!.edits[0].range.start, { line: 4, character: 18 });
  });
});
