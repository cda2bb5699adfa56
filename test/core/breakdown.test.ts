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
    { term: 'weights', bytes: 5 * GIB },
    { term: 'activations', bytes: 4 * GIB },
    { term: 'optimizer states', bytes: 1 * GIB },
  ],
  assumptions: ['bf16 autocast'],
  gpu: { name: 'L4', bytes: 23034 * 1024 ** 2, count: 1 },
  fit: { verdict: 'fits', headroom_bytes: 10 * GIB, message: 'fits on one L4 (22.5 GiB) with 10.0 GiB to spare' },
};

function result(extra: Partial<EstimateResult>): EstimateResult {
  return { path: '/a/train.yml', format: 'axolotl', method: 'lora', model: { id: 'm/x' }, issues: [], ...extra };
}

describe('breakdown', () => {
  test('terms as shares of the peak with a fixed-width bar each; the fit from the estimator', () => {
    const b = breakdownFromResult(result({ memory, params: { trainable: 1_000_000, total: 1_000_000_000 } }), ctx());
    assert.equal(b.available, true);
    assert.deepEqual(b.memory!.terms.map((t) => [t.term, t.fraction, t.bar.length]), [['weights', 0.5, 20], ['activations', 0.4, 20], ['optimizer states', 0.1, 20]]);
    assert.equal(b.memory!.terms[0].bar, '██████████░░░░░░░░░░');
    assert.equal(b.params!.percent, 0.1);
    assert.equal(b.fit!.verdict, 'fits');
    assert.equal(b.fit!.gpu, 'L4');
    assert.equal(b.fit!.requiredBytes, 12 * GIB);
    assert.match(b.markdown, /\| weights \| 5\.00 GiB \| `██████████░░░░░░░░░░` 50\.0% \|/);
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
    const tight = { ...memory, fit: { verdict: 'tight' as const, headroom_bytes: GIB, message: 'tight' } };
    const f = fitVerdict(tight, ctx().settings);
    assert.deepEqual([f.verdict, f.gpu, f.headroomBytes, f.capacityBytes], ['tight', 'L4', GIB, 23034 * 1024 ** 2]);
  });
});
