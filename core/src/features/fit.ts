/**
 * The fit verdict in the editor's words (CodeLens, breakdown, rank table, status bar): the memory
 * estimator's verdict against the GPU it was run for, or "unknown" with the reason when there is none.
 */
import { bandPercent } from '../estimate/memory/band';
import type { FitVerdictState, MemoryBand, MemoryEstimate } from '../estimate/types';
import type { Settings } from '../settings';
import { findGpu } from './gpus';

export type FitVerdictKind = FitVerdictState | 'unknown';

export interface FitVerdict {
  verdict: FitVerdictKind;
  gpu: string;
  gpuCount: number;
  capacityBytes?: number;
  requiredBytes?: number;
  headroomBytes?: number;
  /** Where requiredBytes may fall, and the band as "± N %" of it. */
  band?: MemoryBand;
  bandPercent?: number;
  summary: string;
}

/** The verdict as the lens and the status bar say it: "fits", "too close to call", "does not fit". */
export function verdictWords(verdict: FitVerdictKind): string {
  return verdict.replace(/-/g, ' ');
}

/** What one GPU must hold: the estimator's per-GPU device bytes. */
export function requiredBytes(memory: MemoryEstimate): number {
  return memory.per_gpu_bytes || memory.device_bytes || memory.peak_allocated_bytes;
}

/** `gpuName` / `gpuCount`: what the estimate was asked for (settings, or the caller's overrides). */
export function fitVerdict(memory: MemoryEstimate | undefined, settings: Settings, gpuName = settings.gpu, gpuCount = settings.gpuCount): FitVerdict {
  const gpu = memory?.gpu ? { name: memory.gpu.name, memoryBytes: memory.gpu.bytes } : findGpu(gpuName);
  const base = { gpu: gpu?.name ?? gpuName, gpuCount: memory?.gpu?.count ?? gpuCount, ...(gpu ? { capacityBytes: gpu.memoryBytes } : {}) };
  if (!gpu) return { ...base, verdict: 'unknown', summary: `${gpuName} is not in the GPU catalog; pick one with the GPU picker (setting peftLens.gpu).` };
  if (!memory) return { ...base, verdict: 'unknown', summary: 'No memory estimate yet, so no fit verdict.' };
  const required = requiredBytes(memory);
  const band = { band: memory.band, bandPercent: bandPercent(memory.band, required) };
  if (!memory.fit) return { ...base, ...band, verdict: 'unknown', requiredBytes: required, summary: 'The memory estimate gave no fit verdict for this GPU.' };
  return { ...base, ...band, verdict: memory.fit.verdict, requiredBytes: required, headroomBytes: memory.fit.headroom_bytes, summary: memory.fit.message };
}
