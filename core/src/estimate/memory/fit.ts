/**
 * Does the step fit the GPU, and what is the most it could take? The verdict compares the peak
 * plus the fixed overhead against the device: it fits when even a 90th-percentile allocator reserve
 * leaves room, is tight when only the tensors themselves fit, and does not fit otherwise.
 */
import type { GpuSpec } from '../gpus';
import { fixedOverhead, RESERVE_MEDIAN, RESERVE_P90 } from './device';

export type FitVerdict = 'fits' | 'tight' | 'does-not-fit';

export interface Fit {
  verdict: FitVerdict;
  /** Device memory left with the median allocator reserve (negative: short by that much). */
  headroom_bytes: number;
  message: string;
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** Bytes on the device for an allocated peak, with the median allocator reserve. */
export function deviceBytesFor(peakAllocated: number, pagedStates: number): number {
  return peakAllocated * (1 + RESERVE_MEDIAN) + fixedOverhead() + pagedStates;
}

export function fitVerdict(peakAllocated: number, gpu: GpuSpec): Fit {
  const overhead = fixedOverhead();
  const headroom = gpu.bytes - (peakAllocated * (1 + RESERVE_MEDIAN) + overhead);
  if (peakAllocated * (1 + RESERVE_P90) + overhead <= gpu.bytes) {
    return { verdict: 'fits', headroom_bytes: Math.round(headroom), message: `fits on one ${gpu.name} (${gib(gpu.bytes)}) with ${gib(headroom)} to spare` };
  }
  if (peakAllocated + overhead <= gpu.bytes) {
    return {
      verdict: 'tight',
      headroom_bytes: Math.round(headroom),
      message: `tight on a ${gpu.name} (${gib(gpu.bytes)}): the tensors fit, but allocator fragmentation may not; PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True helps`,
    };
  }
  return { verdict: 'does-not-fit', headroom_bytes: Math.round(headroom), message: `does not fit on a ${gpu.name} (${gib(gpu.bytes)}): short by ${gib(-headroom)}` };
}

/** The largest n in [1, max] with `fits(n)`, for a `fits` that holds up to some n and fails after; null if not even 1. */
export function largestFitting(max: number, fits: (n: number) => boolean): number | null {
  if (!fits(1)) return null;
  let lo = 1;
  let hi = Math.max(1, Math.floor(max));
  if (fits(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
