import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findGpu } from '../../../core/src/estimate/gpus';
import { fitVerdict, largestFitting } from '../../../core/src/estimate/memory/fit';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, tinyPlan } from './tiny';

const T4 = findGpu('T4')!;
// T4: 15,360 MiB = 16,106,127,360 bytes. Fixed overhead: the CUDA context, 99 MB (the cuBLAS workspaces are inside the allocated peak).

test('fit verdict: fits with a 90th-percentile allocator reserve, tight when only the tensors fit, else does not fit', () => {
  // 10 GB: 10e9 × 1.21 + 99e6 = 12.20e9 ≤ 16.11e9 → fits; headroom with the median reserve:
  //   16,106,127,360 − (10e9 × 1.072 + 99,000,000) = 5,287,127,360.
  assert.deepEqual(
    { verdict: fitVerdict(10e9, T4).verdict, headroom: fitVerdict(10e9, T4).headroom_bytes },
    { verdict: 'fits', headroom: 5_287_127_360 },
  );
  // 14 GB: 14e9 × 1.21 + 99e6 = 17.04e9 > 16.11e9, but 14e9 + 99e6 ≤ 16.11e9 → tight.
  assert.equal(fitVerdict(14e9, T4).verdict, 'tight');
  // 16.05 GB: 16.05e9 + 99e6 = 16.149e9 > 16.106e9 → does not fit.
  assert.equal(fitVerdict(16.05e9, T4).verdict, 'does-not-fit');
  assert.match(fitVerdict(16.05e9, T4).message, /short by/);
});

test('the GPU catalog answers names and aliases, ignoring case and separators', () => {
  assert.equal(findGpu('h100')?.name, 'H100-80GB');
  assert.equal(findGpu('RTX 4090')?.name, 'RTX-4090');
  assert.equal(findGpu('a100_40gb')?.name, 'A100-40GB');
  assert.equal(findGpu('H200')?.bytes, 143_771 * 2 ** 20);
  assert.equal(findGpu('TPU v5e'), undefined);
});

test('solver: the largest n for a monotone predicate, null when even 1 fails', () => {
  assert.equal(largestFitting(4096, (n) => n * 3 <= 100), 33);
  assert.equal(largestFitting(4096, () => true), 4096);
  assert.equal(largestFitting(4096, () => false), null);
});

test('largest micro-batch and sequence length on a T4 for LoRA on the tiny model without checkpointing, by hand', () => {
  const plan = tinyPlan({ peft: LORA_QV, training: { gradientCheckpointing: set(false) } });
  const e = estimateMemory(plan, countedTiny(plan), { ...DEFAULT_SETTINGS, gpu: 'T4' });
  // Saved per token. Layer 0 (its input needs no grad): q and v LoRA copies of the normed input 2 × 2048,
  //   their rank-16 outputs 2 × 32, SDPA's q 2048, k 512, v 512, output 2048, log-sum-exp 32, the second
  //   norm's fp32 input 4096, gate/act/up 3 × 8192 → 37,984. Layer 1 adds its first norm's 4096 → 42,080.
  //   Final norm 4096. Logits: 32000 × 14 B (bf16 held + three fp32 tensors) = 448,000.
  //   Per token 532,160; per 512-token sample 272,465,920.
  // Fixed: bf16 base 191,899,648 + fp32 adapters 425,984 + AdamW states 851,968 + cuBLAS workspaces
  //   92,600,000 = 285,777,600.
  const fixed = 285_777_600;
  const perToken = 532_160;
  assert.equal(e.peak_phase, 'loss');
  assert.equal(e.peak_allocated_bytes, fixed + 512 * perToken);
  // Device bytes = peak × 1.072 + 99e6 ≤ 16,106,127,360 → peak ≤ 14,932,021,791 →
  //   batch ≤ (14,932,021,791 − 285,777,600) / 272,465,920 = 53.75 → 53;
  //   sequence ≤ (14,932,021,791 − 285,777,600) / 532,160 = 27,522.3 → 27,522.
  assert.equal(e.largest_micro_batch, 53);
  assert.equal(e.largest_sequence_length, 27_522);
  assert.equal(e.gpu?.name, 'T4');
  assert.equal(e.fit?.verdict, 'fits');
});

test('an unknown GPU name gives no verdict and says why', () => {
  const e = estimateMemory(tinyPlan(), countedTiny(tinyPlan()), { ...DEFAULT_SETTINGS, gpu: 'Abacus' });
  assert.equal(e.fit, undefined);
  assert.ok(e.assumptions.some((a) => a.includes('"Abacus" is not in the catalog')));
});

test('the cuBLAS workspaces sit inside the allocated peak (torch allocates them through its caching allocator), not beside it', () => {
  const plan = tinyPlan({ peft: LORA_QV });
  const e = estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS);
  assert.equal(e.breakdown.find((t) => t.term === 'cuBLAS workspaces')?.bytes, 92_600_000);
  assert.deepEqual(e.device_breakdown?.map((t) => t.term), ['CUDA context', 'allocator reserve (median)']);
  // Device = peak × (1 + 7.2 % median reserve) + the 99 MB CUDA context.
  assert.equal(e.device_bytes, Math.round(e.peak_allocated_bytes * 1.072 + 99e6));
});
