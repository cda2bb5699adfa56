/** Does the estimate fit the selected GPU? One verdict for the CodeLens, the breakdown and the rank table. */
import type { MemoryEstimate } from '../estimate/types';
import type { Settings } from '../settings';
import { findGpu } from './gpus';
import { gib } from './units';

export type FitVerdictKind = 'fits' | 'tight' | 'does-not-fit' | 'unknown';

export interface FitVerdict {
  verdict: FitVerdictKind;
  gpu: string;
  gpuCount: number;
  capacityBytes?: number;
  requiredBytes?: number;
  headroomBytes?: number;
  summary: string;
}

/**
 * Above this share of the card, allocator fragmentation and a longer-than-usual batch tend to push
 * a run over the edge, so the verdict says "tight" rather than "fits".
 */
const TIGHT_SHARE = 0.9;

/** What one GPU must hold: the estimator's device bytes (peak allocated + CUDA context + reserve). */
export function requiredBytes(memory: MemoryEstimate): number {
  return memory.device_bytes || memory.per_gpu_bytes || memory.peak_allocated_bytes;
}

export function fitVerdict(memory: MemoryEstimate | undefined, settings: Settings, gpuName = settings.gpu, gpuCount = settings.gpuCount): FitVerdict {
  const gpu = findGpu(gpuName);
  const base = { gpu: gpu?.name ?? gpuName, gpuCount };
  if (!gpu) return { ...base, verdict: 'unknown', summary: `${gpuName} is not in the GPU catalog; pick one with the GPU picker (setting peftLens.gpu).` };
  if (!memory) return { ...base, verdict: 'unknown', capacityBytes: gpu.memoryBytes, summary: 'No memory estimate yet, so no fit verdict.' };
  const required = requiredBytes(memory);
  const headroom = gpu.memoryBytes - required;
  const verdict: FitVerdictKind = headroom < 0 ? 'does-not-fit' : required > TIGHT_SHARE * gpu.memoryBytes ? 'tight' : 'fits';
  const on = `${gpu.name}${gpuCount > 1 ? ` (per GPU, ${gpuCount} GPUs)` : ''}`;
  const summary =
    verdict === 'does-not-fit'
      ? `needs ${gib(required)} per GPU; ${on} has ${gib(gpu.memoryBytes)}`
      : verdict === 'tight'
        ? `tight: ${gib(required)} of ${gib(gpu.memoryBytes)} on ${on}`
        : `fits ${on} with ${gib(headroom)} to spare`;
  return { ...base, verdict, capacityBytes: gpu.memoryBytes, requiredBytes: required, headroomBytes: headroom, summary };
}
