/**
 * The memory estimator against the measured H200 training steps (the bound the project promises):
 * median |error| ≤ 5 % and every case ≤ 12 %, against each peak corrected for the harness's
 * carried-over gradients (bench/memoryCases.ts, leftoverBytes). Cases the carry-over does not
 * disturb (under 1 % of their peak) must meet the bound as recorded, too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchRows, loadCalibration, median } from '../../../bench/memoryCases';
import { sharedPath } from '../../helpers/shared';

const path = sharedPath('calibration', 'h200-training-memory.json');

test('memory estimate within 5 % median, 12 % max of the H200 runs', { skip: !path && 'shared calibration data not found' }, () => {
  const rows = benchRows(loadCalibration(path!).cases);
  const report = rows.map((r) => `${r.case}: ${r.error_pct.toFixed(2)} %`).join('\n');
  assert.ok(median(rows.map((r) => Math.abs(r.error_pct))) <= 5, report);
  for (const r of rows) assert.ok(Math.abs(r.error_pct) <= 12, `${r.case}: ${r.error_pct.toFixed(2)} %\n${report}`);
  for (const r of rows.filter((r) => r.leftover < 0.01 * r.measured)) assert.ok(Math.abs(r.raw_error_pct) <= 12, r.case);
});

test('the carried-over gradients the correction adds back are exactly the previous run\'s trainable bytes', { skip: !path && 'shared calibration data not found' }, () => {
  const { cases } = loadCalibration(path!);
  const rows = benchRows(cases);
  rows.forEach((r, i) => {
    if (i === 0) return assert.equal(r.leftover, 0);
    const prev = cases[i - 1];
    assert.equal(r.leftover, prev.trainable_params * (prev.trainable_dtype === 'float32' ? 4 : 2), r.case);
  });
});
