/**
 * Every estimate's JSON, over the bundled examples and the upstream corpus, says how well it is known: a
 * band around the per-GPU bytes and provenance on every term. (Kept out of test/core/memory/, whose files
 * the ablation test reruns once per mechanism: a corpus walk there would run forty times.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateJson } from '../../cli/src/estimate';
import { entryFor } from '../../core/src/estimate/memory/provenance';
import type { MemoryEstimate } from '../../core/src/index';
import { estimate } from '../../core/src/index';
import { realConfigs } from '../helpers/corpus';
import { ctx, doc } from '../helpers/fixtures';

test('the estimate JSON of every config carries a band around its per-GPU bytes and provenance on every term', async () => {
  const c = ctx();
  let estimated = 0;
  for (const { path, text } of realConfigs()) {
    const result = await estimate(doc(path, text), c);
    if (!result.memory) continue;
    estimated++;
    const m = JSON.parse(estimateJson(result)).memory as MemoryEstimate;
    assert.ok(m.band.low <= m.per_gpu_bytes && m.per_gpu_bytes <= m.band.high, `${path}: ${JSON.stringify(m.band)} around ${m.per_gpu_bytes}`);
    assert.ok(m.band.why.length > 0, path);
    for (const t of [...m.breakdown, ...(m.device_breakdown ?? [])]) {
      assert.ok(['calibrated', 'modelled'].includes(t.provenance.status) && t.provenance.evidence && t.provenance.error >= 0, `${path}: ${t.term}`);
    }
    // The workspaces are a device constant inside the peak: their provenance is the constant's (measured on Hopper).
    for (const t of m.breakdown) if (!entryFor(t.term) && t.term !== 'cuBLAS workspaces') assert.equal(t.provenance.status, 'modelled', `${path}: ${t.term} is in no calibrated entry`);
  }
  assert.ok(estimated >= 5, `only ${estimated} configs were estimated`);
});
