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
import { countedModel, countParams } from '../core/src/estimate/params/countParams';
import type { TimeParameters } from '../core/src/estimate/time/calibration';
import { TIME_PARAMETERS } from '../core/src/estimate/time/calibration';
import { estimateTime } from '../core/src/estimate/time/index';
import { buildArchitecture } from '../core/src/models/architecture';
import { DEFAULT_SETTINGS } from '../core/src/settings';
import { requireShared } from '../test/helpers/shared';
import type { CalibrationCase } from './memoryCases';
import { calibrationPlan, loadCalibration, median } from './memoryCases';

const heldOut = (index: number) => index % 3 === 2;

type TimedCase = CalibrationCase & { step_seconds: number[] };

function prepared(c: TimedCase) {
  const plan = calibrationPlan(c);
  const counted = countedModel(countParams(plan, buildArchitecture(c.model_config, { id: c.hf_id, source: 'local' })));
  if (!counted) throw new Error(`${c.arch} ${c.method}: parameters not counted`);
  return { plan, counted, measured: (c.step_seconds[1] + c.step_seconds[2]) / 2 };
}

type Prepared = ReturnType<typeof prepared>;
const settings = { ...DEFAULT_SETTINGS, gpu: 'H200' };
const estimateOf = (p: Prepared, params: TimeParameters) => estimateTime(p.plan, p.counted, settings, params);

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
  const all = cases.map(prepared);
  let params = TIME_PARAMETERS;
  if (process.argv.includes('--fit')) {
    params = fit(all.filter((_, i) => !heldOut(i)));
    console.log(`fitted on ${all.length - all.filter((_, i) => heldOut(i)).length} cases: ${JSON.stringify(params)}\n`);
  }
  const rows = cases.map((c, i) => {
    const est = estimateOf(all[i], params);
    const error_pct = ((est.seconds_per_step - all[i].measured) / all[i].measured) * 100;
    return { case: `${c.arch} ${c.method} b${c.micro_batch_size} s${c.sequence_len}${c.gradient_checkpointing ? ' gc' : ''}`, held_out: heldOut(i), measured_s: all[i].measured, estimated_s: est.seconds_per_step, error_pct, mfu: est.mfu };
  });
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
