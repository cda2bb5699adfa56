/**
 * The band around the per-GPU device bytes. The allocated peak may be off by each term's error
 * (calibrated terms by the worst miss of their runs, modelled ones by MODELLED_ERROR), summed: terms
 * err together when the path is off. Around that, the allocator: its reserve is 7.2 % at the median
 * and 21 % at the 90th percentile, but it frees its cache and retries before it reports out of memory,
 * so the tensors alone are the floor. The CUDA context (and, inside the peak, the workspaces) widen by
 * how their figure was obtained (measured, derived from source, borrowed from another card).
 */
import type { MemoryBand, SourcedTerm } from '../types';
import type { DeviceConstants } from './deviceConstants';
import { CONSTANT_ERROR } from './deviceConstants';

export interface BandParts {
  band: MemoryBand;
  /** Share of the allocated peak that rests on modelled terms. */
  modelledShare: number;
}

const pct = (f: number) => `${(100 * f).toFixed(f < 0.1 ? 1 : 0)} %`;

export function deviceBand(terms: SourcedTerm[], pagedStates: number, c: DeviceConstants): BandParts {
  const peak = terms.reduce((s, t) => s + t.bytes, 0);
  const spread = terms.reduce((s, t) => s + t.bytes * t.provenance.error, 0);
  const modelled = terms.filter((t) => t.provenance.status === 'modelled');
  const modelledBytes = modelled.reduce((s, t) => s + t.bytes, 0);
  // The workspaces are a term of the allocated peak, with their constant's error as provenance.
  const fixed = [c.context];
  const fixedLow = fixed.reduce((s, k) => s + k.bytes * Math.max(0, 1 - CONSTANT_ERROR[k.source]), 0);
  const fixedHigh = fixed.reduce((s, k) => s + k.bytes * (1 + CONSTANT_ERROR[k.source]), 0);
  const low = Math.max(0, peak - spread) + fixedLow + pagedStates;
  const high = (peak + spread) * (1 + c.reserve.p90) + fixedHigh + pagedStates;
  const share = peak > 0 ? modelledBytes / peak : 0;
  return { band: { low: Math.round(low), high: Math.round(high), why: bandWhy(share, peak > 0 ? spread / peak : 0, modelled, c) }, modelledShare: share };
}

function bandWhy(share: number, peakError: number, modelled: SourcedTerm[], c: DeviceConstants): string {
  const names = [...new Set(modelled.map((t) => t.term))];
  const rest =
    share >= 0.995
      ? 'every term of the peak is modelled'
      : share > 0
        ? `${pct(share)} of the peak rests on modelled terms (${names.join(', ')})`
        : 'every term of the peak was held to measured runs';
  const allocator = c.reserve.source === 'measured' ? 'as measured on the H200 runs' : "by the H200's figures";
  const device = [c.context, c.workspaces]
    .filter((k) => k.source !== 'measured')
    .map((k) => `the ${k.label} ${k.source === 'borrowed' ? 'taken from the H200' : "derived from PyTorch's defaults"}`);
  return `${rest}, so the peak ± ${pct(peakError)}; the allocator adds 0-${pct(c.reserve.p90)}, ${allocator}${device.length ? `; ${device.join(', ')}` : ''}`;
}

/** The band as a CodeLens reads it: "± 6 %", the larger of its two sides around the estimate. */
export function bandPercent(band: MemoryBand, central: number): number {
  if (central <= 0) return 0;
  return Math.ceil(100 * Math.max(band.high / central - 1, 1 - band.low / central));
}
