import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findGpu, GPUS } from '../../../core/src/estimate/gpus';
import { deviceBand } from '../../../core/src/estimate/memory/band';
import { deviceBytesFor } from '../../../core/src/estimate/memory/device';
import { deviceConstants } from '../../../core/src/estimate/memory/deviceConstants';
import { fitVerdict, largestFitting } from '../../../core/src/estimate/memory/fit';
import type { SourcedTerm } from '../../../core/src/estimate/types';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, tinyPlan } from './tiny';

const T4 = findGpu('T4')!;
const TURING = deviceConstants('turing');
// T4: 15,360 MiB = 16,106,127,360 bytes. Turing's device constants: CUDA context 99 MB borrowed from
// the H200 (error 2: 0 to 297 MB), cuBLAS workspaces 92.6e6 − 2 × (32 MiB − 8 MiB − 128 KiB) =
// 42,530,496 derived from PyTorch's source (error 0.5; a term of the allocated peak, since torch
// allocates them through its caching allocator), reserve 7.2 % / 21 %.

const calibrated = (bytes: number): SourcedTerm => ({ term: 'weights', bytes, provenance: { status: 'calibrated', evidence: 'test', error: 0.015 } });
const modelled = (bytes: number): SourcedTerm => ({ term: 'activations', bytes, provenance: { status: 'modelled', evidence: 'test', error: 0.2 } });
const verdictAt = (peak: number) => {
  const { band } = deviceBand([calibrated(peak)], 0, TURING);
  return fitVerdict(band, deviceBytesFor(peak, 0, TURING), T4);
};

test('Turing takes the workspace PyTorch sizes for it and the H200 context, each marked with its source', () => {
  assert.equal(TURING.workspaces.bytes, 42_530_496);
  assert.equal(TURING.workspaces.source, 'derived');
  assert.equal(TURING.context.source, 'borrowed');
  assert.match(TURING.context.note, /taken from the H200/);
  assert.equal(deviceConstants('hopper').workspaces.source, 'measured');
  assert.deepEqual([deviceConstants('cdna3').workspaces.label, deviceConstants('cdna3').workspaces.bytes], ['hipBLAS and hipBLASLt workspaces', 2 * (128 + 76) * 2 ** 20]);
  assert.equal(deviceConstants('cdna2').workspaces.bytes, 2 * (32 + 76) * 2 ** 20);
});

test('every catalog GPU has device constants: measured on Hopper, else derived or marked as taken from the H200', () => {
  for (const gpu of GPUS) {
    const c = deviceConstants(gpu.family);
    assert.equal(c.family, gpu.family, gpu.name);
    assert.equal(c.context.source === 'measured', gpu.family === 'hopper', gpu.name);
    if (c.context.source === 'borrowed') assert.match(c.context.note, /taken from the H200/, gpu.name);
    assert.notEqual(c.workspaces.source, 'borrowed', `${gpu.name}: PyTorch's source sizes every family's workspaces`);
  }
});

test('fit verdict: fits when the band\'s upper edge fits, does not fit when its lower edge does not, else too close to call', () => {
  // 10 GB, all calibrated (±1.5 %): upper edge 10.15e9 × 1.21 + 297e6 = 12.58e9 ≤ 16.11e9 → fits;
  //   headroom at the estimate: 16,106,127,360 − (10e9 × 1.072 + 99e6) = 5,287,127,360.
  assert.deepEqual({ verdict: verdictAt(10e9).verdict, headroom: verdictAt(10e9).headroom_bytes }, { verdict: 'fits', headroom: 5_287_127_360 });
  // 14 GB: upper edge 14.21e9 × 1.21 + 297e6 = 17.49e9 > 16.11e9; lower edge 13.79e9 ≤ 16.11e9 → too close.
  assert.equal(verdictAt(14e9).verdict, 'too-close-to-call');
  assert.match(verdictAt(14e9).message, /too close to call on a T4/);
  // 17 GB: lower edge 16.745e9 > 16.11e9 → does not fit.
  assert.equal(verdictAt(17e9).verdict, 'does-not-fit');
  assert.match(verdictAt(17e9).message, /short by/);
});

test('the band: modelled terms widen it by their error, calibrated ones by the worst miss of their runs', () => {
  const onCalibrated = deviceBand([calibrated(8e9), modelled(2e9)], 0, TURING).band;
  const onModelled = deviceBand([calibrated(2e9), modelled(8e9)], 0, TURING).band;
  // Spread: 8e9 × 0.015 + 2e9 × 0.2 = 0.52e9 against 2e9 × 0.015 + 8e9 × 0.2 = 1.63e9.
  // The context's low side is 0 (error 2); its high side 297e6.
  assert.equal(onCalibrated.low, 10e9 - 0.52e9);
  assert.equal(onCalibrated.high, Math.round(10.52e9 * 1.21 + 297e6));
  assert.equal(onModelled.low, 10e9 - 1.63e9);
  assert.ok(onModelled.high - onModelled.low > onCalibrated.high - onCalibrated.low);
  assert.match(onModelled.why, /80 % of the peak rests on modelled terms \(activations\), so the peak ± 16 %; the allocator adds 0-21 %, by the H200's figures; the CUDA context taken from the H200, the cuBLAS workspaces derived from PyTorch's defaults/);
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
  // Fixed: bf16 base 191,899,648 + fp32 adapters 425,984 + AdamW states 851,968 = 193,177,600 tensors,
  //   and Turing's cuBLAS workspaces 42,530,496.
  const fixed = 193_177_600;
  const workspaces = 42_530_496;
  const perToken = 532_160;
  assert.equal(e.peak_phase, 'loss');
  assert.equal(e.peak_allocated_bytes, fixed + workspaces + 512 * perToken);
  // Every tensor term is on the calibrated path (a plain-loop LoRA on a Llama model, ±1.5 %) and the
  //   workspaces derived (±50 %), so the band's upper edge is (1.015 T + 1.5 × 42,530,496) × 1.21 + 297e6
  //   ≤ 16,106,127,360 → tensors T ≤ 12,809,456,914 →
  //   batch ≤ (12,809,456,914 − 193,177,600) / 272,465,920 = 46.3 → 46;
  //   sequence ≤ (12,809,456,914 − 193,177,600) / 532,160 = 23,707.7 → 23,707.
  assert.ok(e.breakdown.every((t) => t.provenance.status === 'calibrated' || t.term === 'cuBLAS workspaces'));
  assert.equal(e.breakdown.find((t) => t.term === 'cuBLAS workspaces')?.provenance.error, 0.5);
  assert.equal(e.largest_micro_batch, 46);
  assert.equal(e.largest_sequence_length, 23_707);
  assert.match(e.largest_basis!, /band's upper edge fits the T4/);
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
  const e = estimateMemory(plan, countedTiny(plan), { ...DEFAULT_SETTINGS, gpu: 'H200' });
  assert.equal(e.breakdown.find((t) => t.term === 'cuBLAS workspaces')?.bytes, 92_600_000);
  assert.deepEqual(e.device_breakdown?.map((t) => t.term), ['CUDA context', 'allocator reserve (median)']);
  // Device = peak × (1 + 7.2 % median reserve) + the 99 MB CUDA context.
  assert.equal(e.device_bytes, Math.round(e.peak_allocated_bytes * 1.072 + 99e6));
});

test('the verdict names the card as it is said, with its article: an RTX 4090, an H100-80GB, a T4', () => {
  const band = { low: 30 * 2 ** 30, high: 40 * 2 ** 30, why: 'test' };
  const words = (name: string) => fitVerdict(band, 35 * 2 ** 30, findGpu(name)!).message;
  assert.match(words('RTX-4090'), /^does not fit on an RTX 4090 \(24\.0 GiB\)/);
  assert.match(words('H100-80GB'), /^fits on one H100-80GB/);
  assert.match(words('V100-32GB'), /^too close to call on a V100-32GB/);
  assert.match(words('T4'), /^does not fit on a T4/);
  assert.match(words('L4'), /^does not fit on an L4/);
});
