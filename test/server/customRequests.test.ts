import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BreakdownResponse, CompareRanksResponse, GpusResponse, LargestFitResponse, MethodsResponse } from '../../server/src/protocol';
import { BREAKDOWN_REQUEST, COMPARE_RANKS_REQUEST, GPUS_REQUEST, LARGEST_FIT_REQUEST, METHODS_REQUEST, SHOW_BREAKDOWN_COMMAND } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import { assertSaneEstimate } from '../helpers/saneNumbers';
import type { LspSession } from '../helpers/lsp';

const AXOLOTL = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_linear: true\nmicro_batch_size: 2\nsequence_len: 1024\n';
const PEFT = '{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "meta-llama/Llama-3.2-1B",\n  "r": 8,\n  "target_modules": ["q_proj", "v_proj"]\n}\n';

describe('custom requests over stdio', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true, settings: { gpu: 'A100-40GB' } });
  });
  after(async () => s.close());

  test('codeLens sits on the method key and opens the breakdown for the document', async () => {
    // Complete enough for axolotl to start: a file with errors gets no verdict (test/core/codeLens.test.ts).
    const uri = s.open('/ws/lens.yml', `${AXOLOTL}gradient_accumulation_steps: 1\nlearning_rate: 0.0002\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n`);
    const lenses = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 1);
    assert.equal(lenses[0].command.command, SHOW_BREAKDOWN_COMMAND);
    assert.deepEqual(lenses[0].command.arguments, [uri]);
    assert.match(lenses[0].command.title, /^lora · [\d.]+[KMB] trainable \([\d.]+%\) · peak ≈ [\d.]+ GiB ± \d+ % per GPU · . (fits|too close to call|does not fit) A100-40GB$/);
  });

  test('breakdown answers with the plan inputs located in the file, whether or not memory is estimated', async () => {
    const uri = s.open('/ws/breakdown.yml', AXOLOTL);
    const b = (await s.connection.sendRequest(BREAKDOWN_REQUEST, { uri })) as BreakdownResponse;
    assertSaneEstimate(b);
    assert.equal(b.uri, uri);
    assert.equal(b.format, 'axolotl');
    const model = b.inputs.find((i) => i.key === 'base_model');
    assert.equal(model?.range?.start.line, 0);
    assert.equal(b.available, true, b.reason);
    assert.ok(b.params!.trainable > 0 && b.params!.trainable < b.params!.total);
    const sum = b.memory!.terms.reduce((n, t) => n + t.bytes, 0);
    assert.ok(Math.abs(sum - b.memory!.peakAllocatedBytes) <= b.memory!.terms.length, 'terms add up to the peak');
    for (const t of b.memory!.terms) assert.equal(t.bar.length, 20);
    assert.equal(b.fit!.gpu, 'A100-40GB');
    assert.ok(['fits', 'too-close-to-call', 'does-not-fit'].includes(b.fit!.verdict));
    assert.match(b.markdown, /\| term \| memory \| share \|/);
  });

  test('compareRanks lists r = 4 … 256 with the current rank marked, or says why not', async () => {
    const uri = s.open('/ws/adapter_config.json', PEFT);
    const c = (await s.connection.sendRequest(COMPARE_RANKS_REQUEST, { uri })) as CompareRanksResponse;
    assertSaneEstimate(c);
    assert.equal(c.currentRank, 8);
    assert.deepEqual(c.rows.map((r) => r.r), [4, 8, 16, 32, 64, 128, 256]);
    assert.deepEqual(c.rows.filter((r) => r.current).map((r) => r.r), [8]);
    assert.equal(c.available, true, c.reason);
    const trainable = c.rows.map((r) => r.trainable!);
    // LoRA on fixed targets: r·(in+out) per module, so the count doubles with the rank.
    for (let i = 1; i < trainable.length; i++) assert.equal(trainable[i], 2 * trainable[i - 1]);
    assert.ok(c.rows.every((r) => r.deviceBytes! > 0 && r.verdict));
  });

  test('largestFit names the selected GPU and answers even before memory is estimated', async () => {
    const uri = s.open('/ws/fit.yml', AXOLOTL);
    const f = (await s.connection.sendRequest(LARGEST_FIT_REQUEST, { uri })) as LargestFitResponse;
    assertSaneEstimate(f);
    assert.equal(f.gpu, 'A100-40GB');
    assert.equal(f.capacityBytes, 40960 * 1024 ** 2);
    assert.equal(f.available, true, f.reason);
    assert.equal(f.microBatchSize!.atSequenceLength, 1024);
    assert.equal(f.sequenceLength!.atMicroBatchSize, 2);
    assert.ok(f.microBatchSize!.value >= 2, 'the file’s own batch fits a 40 GB card for a 1B model');
    assert.ok(f.microBatchSize!.deviceBytes! <= f.capacityBytes!);
  });

  test('methods for the current format: supported ones carry a snippet, the others say why', async () => {
    const uri = s.open('/ws/methods.yml', AXOLOTL);
    const m = (await s.connection.sendRequest(METHODS_REQUEST, { uri })) as MethodsResponse;
    assert.equal(m.format, 'axolotl');
    const lora = m.items.find((i) => i.id === 'lora')!;
    assert.ok(lora.supported && lora.snippet?.body.includes('adapter: lora'));
    assert.equal(lora.current, true);
    assert.equal(lora.papers[0].url, 'https://arxiv.org/abs/2106.09685');
    const ia3 = m.items.find((i) => i.id === 'ia3')!;
    assert.equal(ia3.supported, false);
    assert.match(ia3.reason!, /adapter/);
    const byFormat = (await s.connection.sendRequest(METHODS_REQUEST, { format: 'peft-adapter' })) as MethodsResponse;
    assert.equal(byFormat.items.find((i) => i.id === 'ia3')?.snippet?.insert, 'document');
  });

  test('gpus: the catalog and the selected GPU from the settings', async () => {
    const g = (await s.connection.sendRequest(GPUS_REQUEST)) as GpusResponse;
    assert.equal(g.selected, 'A100-40GB');
    assert.ok(g.gpus.some((x) => x.name === 'H100-80GB' && x.memoryBytes > 80e9));
  });

  test('gpus with a document: its fit on every GPU, for the picker', async () => {
    const uri = s.open('/ws/gpus.yml', AXOLOTL);
    const g = (await s.connection.sendRequest(GPUS_REQUEST, { uri })) as GpusResponse;
    assert.deepEqual(g.fits!.map((f) => f.gpu), g.gpus.map((x) => x.name));
    const verdict = (name: string) => g.fits!.find((f) => f.gpu === name)!.verdict;
    assert.equal(verdict('H200'), 'fits');
    assert.ok(g.fits!.every((f) => f.requiredBytes! > 0));
    // Llama-3.2-1B with LoRA at 2 × 1024 tokens needs more than a T4's 15 GiB only if the estimate says so:
    // what the picker shows is the verdict the breakdown gives on that GPU.
    const onT4 = (await s.connection.sendRequest(BREAKDOWN_REQUEST, { uri, overrides: { gpu: 'T4' } })) as BreakdownResponse;
    assert.equal(verdict('T4'), onT4.fit!.verdict);
    const none = (await s.connection.sendRequest(GPUS_REQUEST, {})) as GpusResponse;
    assert.equal(none.fits, undefined);
  });

  test('requests for a document that is not open answer null', async () => {
    assert.equal(await s.connection.sendRequest(BREAKDOWN_REQUEST, { uri: 'file:///nowhere.yml' }), null);
  });
});
