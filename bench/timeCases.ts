/**
 * The H200 runs' warm step times against the step-time model: shared by `npm run bench:time` and
 * test/core/time/calibration.test.ts. Every third case is held out of the fit.
 */
import { countedModel, countParams } from '../core/src/estimate/params/countParams';
import type { TimeParameters } from '../core/src/estimate/time/calibration';
import { estimateTime } from '../core/src/estimate/time/index';
import { buildArchitecture } from '../core/src/models/architecture';
import { DEFAULT_SETTINGS } from '../core/src/settings';
import type { CalibrationCase } from './memoryCases';
import { calibrationPlan } from './memoryCases';

export const heldOut = (index: number) => index % 3 === 2;

export type TimedCase = CalibrationCase & { step_seconds: number[] };

/** A case's estimator inputs and its measured time: the mean of the warm steps 2 and 3 (step 1 includes start-up). */
export function prepared(c: TimedCase) {
  const plan = calibrationPlan(c);
  const counted = countedModel(countParams(plan, buildArchitecture(c.model_config, { id: c.hf_id, source: 'local' })));
  if (!counted) throw new Error(`${c.arch} ${c.method}: parameters not counted`);
  return { plan, counted, measured: (c.step_seconds[1] + c.step_seconds[2]) / 2 };
}

export type Prepared = ReturnType<typeof prepared>;
const settings = { ...DEFAULT_SETTINGS, gpu: 'H200' };
export const estimateOf = (p: Prepared, params: TimeParameters) => estimateTime(p.plan, p.counted, settings, params);

export function timeRows(cases: TimedCase[], params: TimeParameters) {
  const all = cases.map(prepared);
  return cases.map((c, i) => {
    const est = estimateOf(all[i], params);
    const error_pct = ((est.seconds_per_step - all[i].measured) / all[i].measured) * 100;
    return { case: `${c.arch} ${c.method} b${c.micro_batch_size} s${c.sequence_len}${c.gradient_checkpointing ? ' gc' : ''}`, held_out: heldOut(i), measured_s: all[i].measured, estimated_s: est.seconds_per_step, error_pct, mfu: est.mfu };
  });
}
