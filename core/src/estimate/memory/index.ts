/**
 * Training GPU memory: a pure function of the plan, the model with its parameter counts and the
 * modules the count selected (which carry adapters, which are copied), and the user's settings. The model is mechanistic (tensor by tensor, per phase of the step); see
 * the files of this folder for each term and bench/memory.ts for its check against measured runs.
 */
import type { TrainingPlan } from '../../plan';
import type { Settings } from '../../settings';
import { findGpu } from '../gpus';
import type { CountedModel } from '../params/selection';
import type { MemoryEstimate } from '../types';
import { deviceTerms } from './device';
import { deviceBytesFor, fitVerdict, largestFitting } from './fit';
import { offloadedTo, prepareStep, stepPhases } from './step';
import { switchEffects } from './switches';

/** Upper bounds for the solver when the model states no maximum length. */
const MAX_BATCH = 4096;
const MAX_SEQUENCE = 1 << 20;

export function estimateMemory(plan: TrainingPlan, counted: CountedModel, settings: Settings): MemoryEstimate {
  const arch = counted.architecture;
  const step = prepareStep(plan, counted, settings);
  const { batch, seq } = step.setup;
  const { peak } = stepPhases(step, batch, seq);
  const paged = step.states.pagedStates;
  const device = deviceTerms(peak.bytes, paged);
  const deviceBytes = Math.round(deviceBytesFor(peak.bytes, paged));
  const estimate: MemoryEstimate = {
    peak_allocated_bytes: peak.bytes,
    device_bytes: deviceBytes,
    per_gpu_bytes: deviceBytes,
    breakdown: peak.terms,
    assumptions: step.notes,
    peak_phase: peak.name,
    device_breakdown: device,
    switches: switchEffects(plan, counted, settings, batch, seq, peak.bytes),
    ...offloadedTo(step, batch, seq),
  };
  const gpu = findGpu(settings.gpu);
  if (!gpu) {
    step.notes.push(`GPU "${settings.gpu}" is not in the catalog: no fit verdict`);
    return estimate;
  }
  const fitsAt = (b: number, s: number) => deviceBytesFor(stepPhases(step, b, s).peak.bytes, paged) <= gpu.bytes;
  return {
    ...estimate,
    gpu: { name: gpu.name, bytes: gpu.bytes, count: step.setup.gpus },
    fit: fitVerdict(peak.bytes, gpu),
    largest_micro_batch: largestFitting(MAX_BATCH, (b) => fitsAt(b, seq)),
    largest_sequence_length: largestFitting(arch.maxPositions ?? MAX_SEQUENCE, (s) => fitsAt(batch, s)),
  };
}
