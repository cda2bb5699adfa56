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
import { deviceBand } from './band';
import { deviceBytesFor, deviceTerms, provenanceOf } from './device';
import type { DeviceConstants } from './deviceConstants';
import { deviceConstants } from './deviceConstants';
import { fitVerdict, largestFitting } from './fit';
import { withProvenance } from './provenance';
import type { PreparedStep } from './step';
import { offloadedTo, prepareStep, stepPhases } from './step';
import { switchEffects } from './switches';

/** Upper bounds for the solver when the model states no maximum length. */
const MAX_BATCH = 4096;
const MAX_SEQUENCE = 1 << 20;

export function estimateMemory(plan: TrainingPlan, counted: CountedModel, settings: Settings): MemoryEstimate {
  const arch = counted.architecture;
  const step = prepareStep(plan, counted, settings);
  const { batch, seq } = step.setup;
  const gpu = findGpu(settings.gpu);
  const constants = deviceConstants(gpu?.family);
  const paged = step.states.pagedStates;
  const { peak, band } = shapeAt(plan, step, batch, seq, constants);
  const deviceBytes = Math.round(deviceBytesFor(peak.bytes, paged, constants));
  const estimate: MemoryEstimate = {
    peak_allocated_bytes: peak.bytes,
    device_bytes: deviceBytes,
    per_gpu_bytes: deviceBytes,
    breakdown: peak.terms,
    assumptions: step.notes,
    peak_phase: peak.name,
    device_breakdown: deviceTerms(peak.bytes, paged, constants),
    band,
    switches: switchEffects(plan, counted, settings, step, batch, seq, peak.bytes),
    ...offloadedTo(step, batch, seq),
  };
  if (!gpu) {
    step.notes.push(`GPU "${settings.gpu}" is not in the catalog: no fit verdict (device constants of the H200)`);
    return estimate;
  }
  const fitsAt = (b: number, s: number) => shapeAt(plan, step, b, s, constants).band.high <= gpu.bytes;
  return {
    ...estimate,
    gpu: { name: gpu.name, bytes: gpu.bytes, count: step.setup.gpus },
    fit: fitVerdict(band, deviceBytes, gpu),
    largest_micro_batch: largestFitting(MAX_BATCH, (b) => fitsAt(b, seq)),
    largest_sequence_length: largestFitting(arch.maxPositions ?? MAX_SEQUENCE, (s) => fitsAt(batch, s)),
    largest_basis: `solved so that the band's upper edge fits the ${gpu.name}`,
  };
}

/** The step's peak at one shape, its terms with their provenance, and the band around its device bytes. */
function shapeAt(plan: TrainingPlan, step: PreparedStep, batch: number, seq: number, constants: DeviceConstants) {
  const { peak } = stepPhases(step, batch, seq);
  const terms = withProvenance(peak.terms, { plan, step, seq }).map((t) => (t.term === constants.workspaces.label ? { ...t, provenance: provenanceOf(constants.workspaces) } : t));
  return { peak: { ...peak, terms }, band: deviceBand(terms, step.states.pagedStates, constants).band };
}
