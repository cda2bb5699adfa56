/**
 * Provenance and the band: every term says how it is known; the calibrated entries hold on the very
 * runs they name; a peak resting on modelled terms gets a wider band; the CodeLens says "too close to
 * call" when the GPU's memory lies inside the band.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchRows, estimateCase, loadCalibration } from '../../../bench/memoryCases';
import { MEASURED_MODEL_TYPES } from '../../../core/src/estimate/memory/calibratedPath';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { CALIBRATED, MODELLED_ERROR } from '../../../core/src/estimate/memory/provenance';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import type { EstimateOverrides, MemoryEstimate } from '../../../core/src/index';
import { codeLensesFor, estimate, findGpu, hoverAt } from '../../../core/src/index';
import { ctx, doc } from '../../helpers/fixtures';
import { requireShared } from '../../helpers/shared';
import { countedTiny, LORA_QV, set, tinyPlan } from './tiny';


test('every H200 run is on the measured path, and each calibrated entry is held to exactly the runs it names', () => {
  const { cases } = loadCalibration(requireShared('calibration', 'h200-training-memory.json'));
  const rows = benchRows(cases);
  const memories = cases.map((c) => estimateCase(c).memory);
  memories.forEach((m, i) => {
    const off = m.breakdown.filter((t) => t.provenance.status !== 'calibrated');
    assert.deepEqual(off.map((t) => `${t.term}: ${t.provenance.evidence}`), [], rows[i].case);
    assert.ok(m.device_breakdown!.every((t) => t.provenance.status === 'calibrated'), 'H200 device constants are measured');
  });
  for (const entry of CALIBRATED) {
    const carriers = memories.map((m, i) => ({ m, row: rows[i] })).filter(({ m }) => m.breakdown.some((t) => entry.terms.includes(t.term)));
    assert.equal(carriers.length, entry.count, `${entry.terms.join(', ')}: ${entry.runs}`);
    const worst = Math.max(...carriers.map(({ row }) => Math.abs(row.error_pct)));
    assert.ok(worst <= 100 * entry.error, `${entry.terms.join(', ')}: worst ${worst.toFixed(2)} % > ${100 * entry.error} %`);
  }
  assert.deepEqual([...new Set(cases.map((c) => String(c.model_config.model_type)))].sort(), [...MEASURED_MODEL_TYPES].sort());
});

const LLAMA_1B_LORA = JSON.stringify({ peft_type: 'LORA', r: 8, lora_alpha: 16, base_model_name_or_path: 'meta-llama/Llama-3.2-1B', task_type: 'CAUSAL_LM' });
const AXOLOTL_1B_LORA = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_modules:\n  - q_proj\n  - v_proj\nmicro_batch_size: 4\nsequence_len: 1024\ngradient_checkpointing: true\nbf16: true\noptimizer: adamw_torch\n';
const STARTS = 'learning_rate: 0.0002\ngradient_accumulation_steps: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n';
const SAME_STEP: EstimateOverrides = { microBatchSize: 4, sequenceLength: 1024, gradientCheckpointing: true, gpu: 'H200' };

const width = (m: MemoryEstimate) => (m.band.high - m.band.low) / m.per_gpu_bytes;
const modelledShare = (m: MemoryEstimate) => m.breakdown.filter((t) => t.provenance.status === 'modelled').reduce((s, t) => s + t.bytes, 0) / m.peak_allocated_bytes;

test('a peak resting mostly on modelled terms gets a wider band than a calibrated one', async () => {
  const c = ctx();
  // The same LoRA step: as a PEFT adapter in the plain loop the H200 runs measured, and as an axolotl
  // config, which runs it through the Trainer (padded batches, logits dropped before backward).
  const plain = (await estimate(doc('/w/adapter_config.json', LLAMA_1B_LORA), c, SAME_STEP)).memory!;
  const trainer = (await estimate(doc('/w/train.yml', AXOLOTL_1B_LORA), c, { gpu: 'H200' })).memory!;
  assert.equal(modelledShare(plain), 0);
  assert.ok(modelledShare(trainer) > 0.5, `modelled share ${modelledShare(trainer)}`);
  const logits = trainer.breakdown.find((t) => t.term === 'logits and loss')!;
  assert.equal(logits.provenance.status, 'modelled');
  assert.match(logits.provenance.evidence, /the Trainer path was never measured/);
  assert.ok(width(trainer) > width(plain) + 0.1, `trainer ${width(trainer)} vs plain ${width(plain)}`);
  assert.match(plain.band.why, /every term of the peak was held to measured runs/);
});

test('off the measured model types, past a sliding window, or with dropout, activations are modelled and say why', async () => {
  const c = ctx();
  const mistral = JSON.stringify({ peft_type: 'LORA', r: 8, base_model_name_or_path: 'mistralai/Mistral-7B-v0.1', task_type: 'CAUSAL_LM' });
  const short = (await estimate(doc('/w/adapter_config.json', mistral), c, { ...SAME_STEP, sequenceLength: 2048 })).memory!;
  const long = (await estimate(doc('/w/adapter_config.json', mistral), c, { ...SAME_STEP, sequenceLength: 4096 })).memory!;
  const saved = (m: MemoryEstimate) => m.breakdown.find((t) => t.term === 'checkpointed layer inputs')!.provenance;
  assert.equal(saved(short).status, 'calibrated');
  assert.equal(saved(long).status, 'modelled');
  assert.match(saved(long).evidence, /reaches the 4096-token sliding window/);
  const gpt2 = JSON.stringify({ peft_type: 'LORA', r: 8, base_model_name_or_path: 'openai-community/gpt2', task_type: 'CAUSAL_LM' });
  const g = (await estimate(doc('/w/adapter_config.json', gpt2), c, SAME_STEP)).memory!;
  assert.match(saved(g).evidence, /no gpt2 model was measured/);
  assert.equal(g.breakdown.find((t) => t.term === 'weights')!.provenance.status, 'calibrated', 'bf16 weights are counted the same on any model');
});

test('the CodeLens says "too close to call" when the band straddles the selected GPU, with the band as ± %', async () => {
  const c = ctx({ gpu: 'T4' });
  // Complete enough for axolotl to start (data, learning rate, accumulation): a lens gives no verdict on a file with errors.
  const text = `${AXOLOTL_1B_LORA.replace('sequence_len: 1024', 'sequence_len: 3000').replace('micro_batch_size: 4', 'micro_batch_size: 2')}${STARTS}`;
  const d = doc('/w/train.yml', text);
  const m = (await estimate(d, c)).memory!;
  const t4 = findGpu('T4')!.memoryBytes;
  assert.ok(m.band.low < t4 && t4 < m.band.high, `band ${m.band.low}-${m.band.high} around the T4's ${t4}`);
  const [lens] = await codeLensesFor(d, c);
  assert.match(lens.title, /· peak ≈ [\d.]+ GiB ± \d+ % per GPU · ⚠ too close to call T4$/);
  assert.match(lens.tooltip!, /too close to call on a T4/);
  assert.match(lens.tooltip!, /Band [\d.]+ GiB-[\d.]+ GiB: \d+ % of the peak rests on modelled terms/);
  // The hover on a key the estimate reads says the same, with the band's edges and why.
  const hover = await hoverAt(d, text.indexOf('sequence_len') + 2, c);
  assert.match(hover!.markdown, /≈ [\d.]+ GiB ± \d+ % on the device — too close to call on a T4/);
  assert.match(hover!.markdown, /\*\*Band:\*\* [\d.]+ GiB-[\d.]+ GiB: \d+ % of the peak rests on modelled terms \(.*logits and loss\)/);
  // The same file on an H200 fits even at the band's upper edge.
  const [roomy] = await codeLensesFor(d, ctx({ gpu: 'H200' }));
  assert.match(roomy.title, /✓ fits H200$/);
});

/** What moves a plain-loop LoRA on the tiny Llama off the measured path, and what its activations then say. */
const OFF_PATH: [string, Parameters<typeof tinyPlan>[0], RegExp][] = [
  ['the Trainer (an axolotl config)', { format: 'axolotl', peft: LORA_QV }, /the Trainer path was never measured/],
  ['a torchtune recipe', { format: 'torchtune', peft: LORA_QV }, /the torchtune recipe path was never measured/],
  ['4-bit weights', { peft: LORA_QV, training: { quantization: set({ bits: 4 as const, type: 'nf4' as const }) } }, /4-bit quantized weights were never measured/],
  ['fp16', { peft: LORA_QV, training: { precision: set('fp16' as const) } }, /only bf16 autocast over bf16 weights/],
  ['eager attention', { peft: LORA_QV, training: { attention: set('eager' as const) } }, /eager attention was never measured/],
  ['8-bit AdamW', { peft: LORA_QV, training: { optimizer: set('adamw_8bit') } }, /only torch AdamW \(foreach\) was measured, not AdamW, 8-bit states/],
  ['two GPUs', { peft: LORA_QV, training: { gpus: set(2) } }, /data parallelism and sharding were never measured/],
  ['adapter dropout', { peft: { ...LORA_QV, lora_dropout: 0.05 } }, /adapter dropout was never measured/],
  ['gradient accumulation', { peft: LORA_QV, training: { gradientAccumulationSteps: set(4) } }, /gradientAccumulationSteps was never measured/],
  ['packing', { peft: LORA_QV, training: { packing: set(true) } }, /packed batches with a block-diagonal mask were never measured/],
];

test('off the measured path, the activations are modelled and say which condition the step left', () => {
  const on = tinyPlan({ peft: LORA_QV });
  const saved = (plan: ReturnType<typeof tinyPlan>) => estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS).breakdown.find((t) => t.term === 'checkpointed layer inputs')!.provenance;
  assert.equal(saved(on).status, 'calibrated');
  for (const [what, options, why] of OFF_PATH) {
    const p = saved(tinyPlan(options));
    assert.equal(p.status, 'modelled', what);
    assert.match(p.evidence, why, what);
    assert.equal(p.error, MODELLED_ERROR, what);
  }
});
