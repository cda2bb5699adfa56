/**
 * The step-time terms on the tiny model (test/core/memory/tiny.ts: hidden 1024, 2 layers, 8 query and
 * 2 KV heads of 128, gated MLP 4096, vocab 32000, untied; Linear weights per layer 15,204,352), each
 * isolated by giving the other rates no cost: a kernel then takes exactly flops / (989.4e12 × fraction)
 * or bytes / (4.8e12 × fraction) on the H200, or the launch floor. Expected values are derived here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GPUS } from '../../../core/src/estimate/gpus';
import type { TimeParameters } from '../../../core/src/estimate/time/calibration';
import { GPU_RATES } from '../../../core/src/estimate/time/gpuRates';
import { estimateTime } from '../../../core/src/estimate/time/index';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, TINY_LAYER_LINEAR, TINY_LORA_PARAMS, TINY_PARAMS, tinyPlan } from '../memory/tiny';

const PEAK = 989.4e12;
const BANDWIDTH = 4800e9;
const FREE = 1e30;
/** Only the tensor rate costs time. */
const FLOPS_ONLY: TimeParameters = { matmulFraction: 1, attentionFraction: 1, bandwidthFraction: FREE, launchSeconds: 0 };
/** Only memory traffic costs time. */
const BYTES_ONLY: TimeParameters = { matmulFraction: FREE, attentionFraction: FREE, bandwidthFraction: 1, launchSeconds: 0 };

const T = 512;
/** One forward GEMM pass over every Linear of one layer: 2 · 512 · 15,204,352. */
const LAYER_FWD = 2 * T * TINY_LAYER_LINEAR;
/** The output layer's GEMM: 2 · 512 · 1024 · 32000. */
const HEAD = 2 * T * 1024 * 32000;

function time(plan: TrainingPlan, params: TimeParameters, settings = {}) {
  const t = estimateTime(plan, countedTiny(plan), { ...DEFAULT_SETTINGS, gpu: 'H200', ...settings }, params);
  return { ...t, terms: Object.fromEntries(t.breakdown.map((b) => [b.term, b.seconds])) as Record<string, number> };
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) + 1e-15, `${what}: ${actual} vs ${expected}`);

test('full fine-tuning, no checkpointing: forward, input gradient and weight gradient of every Linear', () => {
  const t = time(tinyPlan({ training: { gradientCheckpointing: set(false) } }), FLOPS_ONLY);
  // 3 GEMMs per Linear × 2 layers; the output layer trains too: forward, input and weight gradient.
  close(t.terms.matmul, (3 * LAYER_FWD * 2) / PEAK, 'matmul');
  close(t.terms.loss, (3 * HEAD) / PEAK, 'logits');
  // Flash attention, causal: 4 · (8 heads · 512 · 512) · 128 / 2 forward, 2.5 times that backward, per layer.
  close(t.terms.attention, (3.5 * 4 * 8 * T * T * 128 * 0.5 * 2) / PEAK, 'attention');
  // With only FLOPs costing time and nothing recomputed, every FLOP is needed: MFU is exactly 1.
  close(t.mfu, 1, 'mfu');
});

test('LoRA on q_proj and v_proj under checkpointing: frozen weights get no weight gradients, forward runs twice', () => {
  const t = time(tinyPlan({ peft: LORA_QV }), FLOPS_ONLY);
  // Forward, its recompute and the input gradient: 3 passes per layer, as many as full fine-tuning without checkpointing.
  close(t.terms.matmul, (3 * LAYER_FWD * 2) / PEAK, 'matmul');
  // Per adapter: two forwards of x·Aᵀ and ·Bᵀ (2·T·r·(in + out) each) and four backward GEMMs (dB, through B, dA, through A):
  // 8 · T · r · (in + out); q: 8 · 512 · 16 · 2048, v: 8 · 512 · 16 · 1280; two layers.
  close(t.terms.adapter, (2 * (8 * T * 16 * 2048 + 8 * T * 16 * 1280)) / PEAK, 'adapter');
  // The frozen output layer: forward and input gradient only.
  close(t.terms.loss, (2 * HEAD) / PEAK, 'logits');
});

test('DoRA adds B·A per forward: an out × r × in GEMM per adapted layer', () => {
  const lora = time(tinyPlan({ peft: LORA_QV }), FLOPS_ONLY);
  const dora = time(tinyPlan({ peft: { ...LORA_QV, use_dora: true } }), FLOPS_ONLY);
  // Two forwards (checkpointing) × 2 layers × (q: 2·1024·16·1024 + v: 2·256·16·1024).
  close(dora.terms.adapter - lora.terms.adapter, (2 * 2 * (2 * 1024 * 16 * 1024 + 2 * 256 * 16 * 1024)) / PEAK, 'dora');
});

test('the optimizer step streams 20 parameter-sized reads and writes (foreach AdamW)', () => {
  // Full fine-tuning in bf16: 95,949,824 × 2 bytes × 20.
  close(time(tinyPlan(), BYTES_ONLY).terms.optimizer, (TINY_PARAMS * 2 * 20) / BANDWIDTH, 'full bf16');
  // fp32 LoRA adapters: 106,496 × 4 bytes × 20.
  close(time(tinyPlan({ peft: LORA_QV }), BYTES_ONLY).terms.optimizer, (TINY_LORA_PARAMS * 4 * 20) / BANDWIDTH, 'lora fp32');
});

test('the launch floor: the optimizer issues its ten foreach ops once for up to 36 tensors', () => {
  // LoRA on q, v in 2 layers: 8 tensors (A and B of each), one chunk.
  const t = time(tinyPlan({ peft: LORA_QV }), { matmulFraction: FREE, attentionFraction: FREE, bandwidthFraction: FREE, launchSeconds: 1e-3 });
  close(t.terms.optimizer, 10 * 1e-3, 'optimizer launches');
});

test('4-bit weights are dequantised before each matmul that reads them: half a byte read, two written per weight', () => {
  const plan = { ...tinyPlan({ peft: LORA_QV, training: { quantization: set({ bits: 4 as const, type: 'nf4' as const, doubleQuant: true }) } }), method: set('qlora') };
  // Forward, recompute and input gradient each dequantise every Linear of both layers.
  close(time(plan, BYTES_ONLY).terms.dequantize, (3 * 2 * TINY_LAYER_LINEAR * 2.5) / BANDWIDTH, 'dequantize');
});

test('gradient accumulation repeats the micro-step, not the optimizer step', () => {
  const one = time(tinyPlan({ peft: LORA_QV }), { ...BYTES_ONLY, matmulFraction: 1, attentionFraction: 1 });
  const four = time(tinyPlan({ peft: LORA_QV, training: { gradientAccumulationSteps: set(4) } }), { ...BYTES_ONLY, matmulFraction: 1, attentionFraction: 1 });
  close(four.terms.matmul, 4 * one.terms.matmul, 'matmul');
  close(four.terms.elementwise, 4 * one.terms.elementwise, 'elementwise');
  close(four.terms.optimizer, one.terms.optimizer, 'optimizer');
  assert.equal(four.tokens_per_step_per_gpu, 4 * T);
});

test('a cost only from the user price: per 1000 steps is price / 3600 × GPUs × 1000 × seconds', () => {
  const plan = tinyPlan({ peft: LORA_QV });
  assert.equal(time(plan, FLOPS_ONLY).cost, undefined);
  const t = time(plan, FLOPS_ONLY, { gpuHourPrice: 3.6 });
  close(t.cost!.per_1000_steps, t.seconds_per_step, 'per 1000 steps');
  // A million tokens take 1e6 / 512 steps.
  close(t.cost!.per_million_tokens, (3.6 / 3600) * (1e6 / T) * t.seconds_per_step, 'per million tokens');
});

test('every catalog GPU has its rates and their source', () => {
  for (const g of GPUS) {
    const r = GPU_RATES[g.name];
    assert.ok(r && r.tflops > 0 && r.bandwidthGBs > 0 && r.source.length > 10, g.name);
  }
});
