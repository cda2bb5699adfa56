/**
 * From allocated bytes to what the device must hold. torch.cuda.max_memory_allocated() counts every
 * block of PyTorch's caching allocator: the step's tensors and the cuBLAS workspaces torch allocates
 * through it (a term of the allocated peak, see workspaceBytes). nvidia-smi also sees the CUDA context
 * and what the allocator keeps reserved but unused (fragmentation). The figures are per GPU family,
 * with their source, in deviceConstants.ts.
 */
import type { SourcedTerm, TermProvenance } from '../types';
import type { DeviceConstant, DeviceConstants } from './deviceConstants';
import { CONSTANT_ERROR, fixedOverhead } from './deviceConstants';
import { counted } from './mechanisms';

export function provenanceOf(c: Pick<DeviceConstant, 'source' | 'note'>): TermProvenance {
  return { status: c.source === 'measured' ? 'calibrated' : 'modelled', evidence: c.note, error: CONSTANT_ERROR[c.source] };
}

export function deviceTerms(peakAllocated: number, pagedStates: number, c: DeviceConstants): SourcedTerm[] {
  const terms: SourcedTerm[] = [
    { term: c.context.label, bytes: Math.round(c.context.bytes), provenance: provenanceOf(c.context) },
    { term: 'allocator reserve (median)', bytes: Math.round(peakAllocated * c.reserve.median), provenance: provenanceOf(c.reserve) },
  ];
  if (pagedStates > 0) {
    const paged: TermProvenance = { status: 'modelled', evidence: 'paged optimizer states live in CUDA unified memory; never measured', error: 0 };
    terms.push({ term: 'paged optimizer states (unified memory)', bytes: Math.round(pagedStates), provenance: paged });
  }
  return terms;
}

/** Bytes on the device for an allocated peak, with the median allocator reserve. */
export function deviceBytesFor(peakAllocated: number, pagedStates: number, c: DeviceConstants): number {
  return peakAllocated * (1 + c.reserve.median) + fixedOverhead(c) + pagedStates;
}

/** The workspaces as the step's allocated peak holds them (every phase of a steady-state step). */
export function workspaceBytes(c: DeviceConstants): number {
  return counted('cuBLAS workspaces', c.workspaces.bytes);
}
