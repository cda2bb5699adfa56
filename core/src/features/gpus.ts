/**
 * The GPU picker's view of the memory estimator's GPU catalog (core/src/estimate/gpus.ts): the
 * memory the driver reports, a line for the picker, and whether the card has bfloat16 units.
 */
import type { GpuSpec } from '../estimate/gpus';
import { findGpu as findSpec, GPUS } from '../estimate/gpus';

export interface Gpu {
  name: string;
  memoryBytes: number;
  description: string;
  bf16: boolean;
}

function toGpu(spec: GpuSpec): Gpu {
  const vendor = spec.vendor === 'nvidia' ? 'NVIDIA' : 'AMD';
  const also = spec.aliases.length ? ` (also ${spec.aliases.join(', ')})` : '';
  return { name: spec.name, memoryBytes: spec.bytes, description: `${vendor} ${spec.name}${also}`, bf16: spec.bf16 };
}

export const GPU_CATALOG: readonly Gpu[] = GPUS.map(toGpu);

export function findGpu(name: string): Gpu | undefined {
  const spec = findSpec(name);
  return spec && toGpu(spec);
}
