/**
 * Does the step fit the GPU, and what is the most it could take? The verdict reads the band around
 * the device bytes (band.ts): it fits when even the band's upper edge fits, does not fit when even
 * its lower edge (the tensors alone) does not, and is too close to call when the GPU's memory lies
 * inside the band.
 */
import type { GpuSpec } from '../gpus';
import { gpuSpoken, withArticle } from '../gpuWords';
import type { FitVerdictState, MemoryBand } from '../types';

export type FitVerdict = FitVerdictState;

export interface Fit {
  verdict: FitVerdict;
  /** Device memory left at the estimate (median allocator reserve; negative: short by that much). */
  headroom_bytes: number;
  message: string;
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** `deviceBytes`: the estimate inside the band (the median allocator reserve). */
export function fitVerdict(band: MemoryBand, deviceBytes: number, gpu: GpuSpec): Fit {
  const headroom = Math.round(gpu.bytes - deviceBytes);
  const card = `${gpuSpoken(gpu.name)} (${gib(gpu.bytes)})`;
  if (band.high <= gpu.bytes) {
    return { verdict: 'fits', headroom_bytes: headroom, message: `fits on one ${card} with ${gib(headroom)} to spare, ${gib(gpu.bytes - band.high)} even at the band's upper edge` };
  }
  if (band.low <= gpu.bytes) {
    return {
      verdict: 'too-close-to-call',
      headroom_bytes: headroom,
      message: `too close to call on ${withArticle(card)}: its memory lies inside the estimate's band, ${gib(band.low)}-${gib(band.high)}; PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True narrows the allocator's share`,
    };
  }
  return { verdict: 'does-not-fit', headroom_bytes: headroom, message: `does not fit on ${withArticle(card)}: short by ${gib(-headroom)}, and by ${gib(band.low - gpu.bytes)} even at the band's lower edge` };
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
