/**
 * `npm run bench:time [-- --fit]`: the step-time model against the measured H200 steps
 * (../shared/calibration/h200-training-memory.json, `step_seconds`). Steps 2 and 3 are warm (step 1
 * includes CUDA start-up and autotuning), so the measured figure is their mean. Every third case is
 * held out of the fit. Prints per case the measured and estimated seconds and the error, then the
 * median and maximum |error| over all cases and over the held-out ones; writes bench/results/time.json.
 * With --fit, first searches the four global rates of time/calibration.ts on the cases not held out
 * (least mean |log error|) and prints them: copying them into calibration.ts is a deliberate edit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { TimeParameters } from '../core/src/estimate/time/calibration';
import { TIME_PARAMETERS } from '../core/src/estimate/time/calibration';
import { requireShared } from '../test/helpers/shared';
import { loadCalibration, median } from './memoryCases';
import type { Prepared, TimedCase } from './timeCases';
import { estimateOf, heldOut, prepared, timeRows } from './timeCases';

function fit(train: Prepared[]): TimeParameters {
  let best = { loss: Infinity, params: TIME_PARAMETERS };
  for (const matmulFraction of [0.6, 0.7, 0.8])
    for (const attentionFraction of [0.45, 0.6, 0.75])
      for (const bandwidthFraction of [0.4, 0.5, 0.6, 0.7])
        for (const launchUs of [20, 24, 28, 32, 36, 40]) {
          const params = { matmulFraction, attentionFraction, bandwidthFraction, launchSeconds: launchUs * 1e-6 };
          const loss = train.reduce((s, p) => s + Math.abs(Math.log(estimateOf(p, params).seconds_per_step / p.measured)), 0) / train.length;
          if (loss < best.loss) best = { loss, params };
        }
  return best.params;
}

function main(): void {
  const cases = loadCalibration(requireShared('calibration', 'h200-training-memory.json')).cases as TimedCase[];
  let params = TIME_PARAMETERS;
  if (process.argv.includes('--fit')) {
    const train = cases.filter((_, i) => !heldOut(i)).map(prepared);
    params = fit(train);
    console.log(`fitted on ${train.length} cases: ${JSON.stringify(params)}\n`);
  }
  const rows = timeRows(cases, params);
  const pct = (p: number) => `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`.padStart(8);
  console.log(`${'case'.padEnd(52)} ${'measured'.padStart(9)} ${'estimate'.padStart(9)} ${'error'.padStart(8)}   mfu`);
  for (const r of rows) console.log(`${(r.case + (r.held_out ? ' *' : '')).padEnd(52)} ${r.measured_s.toFixed(4).padStart(9)} ${r.estimated_s.toFixed(4).padStart(9)} ${pct(r.error_pct)}  ${(r.mfu * 100).toFixed(0).padStart(3)}%`);
  const stats = (rs: typeof rows) => ({ cases: rs.length, median_abs_error_pct: median(rs.map((r) => Math.abs(r.error_pct))), max_abs_error_pct: Math.max(...rs.map((r) => Math.abs(r.error_pct))) });
  const summary = { all: stats(rows), held_out: stats(rows.filter((r) => r.held_out)), fitted_on: stats(rows.filter((r) => !r.held_out)), parameters: params };
  console.log(`\nwarm steps (mean of steps 2 and 3), H200; * = held out of the fit`);
  for (const [name, s] of [['all', summary.all], ['held out', summary.held_out], ['fitted on', summary.fitted_on]] as const) {
    console.log(`${name.padEnd(10)} ${s.cases} cases: median |error| ${s.median_abs_error_pct.toFixed(1)} %, max ${s.max_abs_error_pct.toFixed(1)} %`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/time.json', `${JSON.stringify({ summary, rows }, null, 2)}\n`);
}

main();
