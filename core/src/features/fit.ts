/**
 * The fit verdict in the editor's words (CodeLens, breakdown, rank table, status bar): the memory
 * estimator's verdict against the GPU it was run for, or "unknown" with the reason when there is none.
 */
import type { MemoryEstimate } from '../estimate/types';
import type { Settings } from '../settings';
import { findGpu } from './gpus';

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
  if (!memory.fit) return { ...base, verdict: 'unknown', requiredBytes: required, summary: 'The memory estimate gave no fit verdict for this GPU.' };
  return { ...base, verdict: memory.fit.verdict, requiredBytes: required, headroomBytes: memory.fit.headroom_bytes, summary: memory.fit.message };
}
