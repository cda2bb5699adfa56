/** The editor's view of an estimate: breakdown bars, the fit verdict, the inputs, what is said when memory is missing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { breakdownFromResult } from '../../core/src/features/breakdown';
import { fitVerdict } from '../../core/src/features/fit';
import type { EstimateResult, MemoryEstimate } from '../../core/src/index';
import { ctx } from '../helpers/fixtures';

const GIB = 1024 ** 3;

const memory: MemoryEstimate = {
  peak_allocated_bytes: 10 * GIB,
  device_bytes: 12 * GIB,
  per_gpu_bytes: 12 * GIB,
  breakdown: [
    { term: 'weights', bytes: 5 * GIB, provenance: { status: 'calibrated', evidence: 'held to the runs', error: 0.015 } },
    { term: 'activations', bytes: 4 * GIB, provenance: { status: 'modelled', evidence: 'the Trainer path was never measured', error: 0.2 } },
    { term: 'optimizer states', bytes: 1 * GIB, provenance: { status: 'calibrated', evidence: 'held to the runs', error: 0.015 } },
  ],
  band: { low: 10.5 * GIB, high: 15 * GIB, why: '40 % of the peak rests on modelled terms (activations)' },
  assumptions: ['bf16 autocast'],
  gpu: { name: 'L4', bytes: 23034 * 1024 ** 2, count: 1 },
  fit: { verdict: 'fits', headroom_bytes: 10 * GIB, message: 'fits on one L4 (22.5 GiB) with 10.0 GiB to spare' },
};

function result(extra: Partial<EstimateResult>): EstimateResult {
  return { path: '/a/train.yml', format: 'axolotl', method: 'lora', model: { id: 'm/x' }, issues: [], ...extra };
}

describe('breakdown', () => {
  test('the step time in one line, with the cost only once a price is set, and its assumptions', () => {
    const time = {
      seconds_per_step: 0.5, tokens_per_second_per_gpu: 4096, mfu: 0.31, gpu: 'L4', gradient_accumulation_steps: 4, tokens_per_step_per_gpu: 2048,
      breakdown: [{ term: 'matmul', seconds: 0.5, what: 'base-model matmuls' }], assumptions: ['rates of the L4'],
    };
    const b = breakdownFromResult(result({ memory, time }), ctx());
    assert.equal(b.time!.summary, '0.500 s per step with 4 accumulation steps on an L4 (4,096 tokens/s per GPU, MFU 31 %)');
    assert.match(b.markdown, /\*\*Step time:\*\* 0\.500 s per step/);
    assert.match(b.markdown, /\*\*Step-time assumptions\*\*\n- rates of the L4/);
    // 2 $/GPU-hour at 4096 tokens/s: a million tokens take 244.1 s, which cost 2 / 3600 × 244.14 = 0.136.
    const priced = breakdownFromResult(result({ memory, time: { ...time, cost: { gpu_hour_price: 2, per_million_tokens: 0.1356, per_1000_steps: 0.2778 } } }), ctx());
    assert.match(priced.time!.summary, /, 0\.136 per million tokens at 2 per GPU-hour\)$/);
  });


  test('terms as shares of the peak with a fixed-width bar each; the fit from the estimator', () => {
    const b = breakdownFromResult(result({ memory, params: { trainable: 1_000_000, total: 1_000_000_000 } }), ctx());
    assert.equal(b.available, true);
    assert.deepEqual(b.memory!.terms.map((t) => [t.term, t.fraction, t.bar.length]), [['weights', 0.5, 20], ['activations', 0.4, 20], ['optimizer states', 0.1, 20]]);
    assert.equal(b.memory!.terms[0].bar, '██████████░░░░░░░░░░');
    assert.equal(b.params!.percent, 0.1);
    assert.equal(b.fit!.verdict, 'fits');
    assert.equal(b.fit!.gpu, 'L4');
    assert.equal(b.fit!.requiredBytes, 12 * GIB);
    assert.match(b.markdown, /\| weights \| 5\.00 GiB \| `██████████░░░░░░░░░░` 50\.0% \| calibrated \|/);
    assert.match(b.markdown, /\| activations \| 4\.00 GiB \| .* \| modelled \|/);
    assert.match(b.markdown, /≈ 12\.0 GiB ± 25 % on the device/);
    assert.match(b.markdown, /\*\*Band:\*\* 10\.5 GiB-15\.0 GiB: 40 % of the peak rests on modelled terms/);
    assert.match(b.markdown, /- activations: modelled, the Trainer path was never measured/);
    assert.match(b.markdown, /\*\*L4:\*\* fits on one L4/);
    assert.match(b.markdown, /- bf16 autocast/);
  });

  test('without a memory estimate: not available, the estimate’s own reason, no made-up numbers', () => {
    const issues = [{ code: 'estimate/unknown-model', severity: 'warning' as const, message: 'm/x was not found', span: { start: 0, end: 0 } }];
    const b = breakdownFromResult(result({ issues }), ctx());
    assert.equal(b.available, false);
    assert.equal(b.reason, 'm/x was not found');
    assert.equal(b.memory, undefined);
    assert.equal(b.fit!.verdict, 'unknown');
    assert.doesNotMatch(b.markdown, /GiB/);
  });
});

describe('fit verdict', () => {
  test('a GPU missing from the catalog is said so', () => {
    const f = fitVerdict(undefined, ctx().settings, 'Voodoo-2');
    assert.equal(f.verdict, 'unknown');
    assert.match(f.summary, /Voodoo-2 is not in the GPU catalog/);
  });

  test('the estimator’s verdict and headroom pass through, with the GPU it was run for', () => {
    const close = { ...memory, fit: { verdict: 'too-close-to-call' as const, headroom_bytes: GIB, message: 'too close to call' } };
    const f = fitVerdict(close, ctx().settings);
    assert.deepEqual([f.verdict, f.gpu, f.headroomBytes, f.capacityBytes], ['too-close-to-call', 'L4', GIB, 23034 * 1024 ** 2]);
    // The band's larger side around the 12 GiB estimate: 15 / 12 − 1 = 25 %.
    assert.equal(f.bandPercent, 25);
  });
});
