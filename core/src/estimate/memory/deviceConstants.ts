/**
 * What a GPU holds besides PyTorch's tensors, per GPU family, each figure with where it comes from:
 * measured (the H200 calibration runs: torch 2.11, CUDA 13), derived from PyTorch's source where it
 * sizes a buffer per architecture, or borrowed from the H200 because nothing better exists. The
 * band (band.ts) widens with each step down that list.
 */
import type { GpuFamily } from '../gpus';

export type ConstantSource = 'measured' | 'derived' | 'borrowed';

export interface DeviceConstant {
  /** The breakdown's name for it (the vendor's library names). */
  label: string;
  bytes: number;
  source: ConstantSource;
  /** Where the figure comes from, in a sentence. */
  note: string;
}

export interface ReserveConstant {
  /** (peak reserved − peak allocated) / peak allocated: median and 90th percentile. */
  median: number;
  p90: number;
  source: ConstantSource;
  note: string;
}

export interface DeviceConstants {
  family: GpuFamily;
  context: DeviceConstant;
  workspaces: DeviceConstant;
  reserve: ReserveConstant;
}

/** How far a constant may be off, by where it comes from (measured: the spread of a repeated reading). */
export const CONSTANT_ERROR: Record<ConstantSource, number> = { measured: 0.1, derived: 0.5, borrowed: 2 };

const MiB = 2 ** 20;
/** The H200's figures: CUDA context at torch init (about 99 MB) and the cuBLAS workspaces the first run kept (92.6 MB more than its tensors). */
const H200_CONTEXT = 99e6;
const H200_WORKSPACES = 92.6e6;
/**
 * PyTorch's default cuBLAS workspace per (handle, stream), aten/src/ATen/cuda/CublasHandlePool.cpp
 * (PyTorch 2.x main): 32 MiB on compute capability 9.x, 10.x and 12.x, `:4096:2:16:8` (8 MiB +
 * 128 KiB) below; ROCm: 128 MiB for hipBLAS on gfx942/gfx950, 32 MiB elsewhere, plus a separate
 * 76 MiB hipBLASLt workspace. A training step uses two handles: the main thread's in forward and
 * autograd's device thread's in backward, so the H200's 92.6 MB holds two 32 MiB workspaces.
 */
const HOPPER_CUBLAS = 32 * MiB;
const OLDER_CUBLAS = 8 * MiB + 128 * 1024;
const HANDLES = 2;

const measuredContext: DeviceConstant = { label: 'CUDA context', bytes: H200_CONTEXT, source: 'measured', note: 'measured at torch init on the H200' };
const borrowedContext: DeviceConstant = { label: 'CUDA context', bytes: H200_CONTEXT, source: 'borrowed', note: 'taken from the H200 (not measured on this card: context size depends on the driver, the SM count and lazy module loading)' };

function olderNvidiaWorkspaces(): DeviceConstant {
  const bytes = H200_WORKSPACES - HANDLES * (HOPPER_CUBLAS - OLDER_CUBLAS);
  return { label: 'cuBLAS workspaces', bytes, source: 'derived', note: "the H200's 92.6 MB less two handles' difference between PyTorch's 32 MiB Hopper workspace and the 8 MiB + 128 KiB it gives older architectures" };
}

function rocmWorkspaces(hipblas: number, arch: string): DeviceConstant {
  const lt = 76 * MiB;
  return { label: 'hipBLAS and hipBLASLt workspaces', bytes: HANDLES * (hipblas + lt), source: 'derived', note: `PyTorch's ROCm defaults on ${arch}: ${hipblas / MiB} MiB hipBLAS + 76 MiB hipBLASLt workspace per handle, two handles (forward, backward)` };
}

const reserve = (source: ConstantSource): ReserveConstant => ({
  median: 0.072,
  p90: 0.21,
  source,
  note:
    source === 'measured'
      ? 'the H200 runs: median 7.2 %, 90th percentile 21 % over 26 steps'
      : 'taken from the H200 runs (median 7.2 %, 90th percentile 21 %): the same PyTorch caching allocator, its fragmentation measured only there',
});

const HOPPER: DeviceConstants = {
  family: 'hopper',
  context: measuredContext,
  workspaces: { label: 'cuBLAS workspaces', bytes: H200_WORKSPACES, source: 'measured', note: "measured on the H200: the first run's cuBLAS workspaces" },
  reserve: reserve('measured'),
};

const BY_FAMILY: Record<GpuFamily, DeviceConstants> = {
  hopper: HOPPER,
  blackwell: {
    family: 'blackwell',
    context: borrowedContext,
    workspaces: { label: 'cuBLAS workspaces', bytes: H200_WORKSPACES, source: 'derived', note: "PyTorch gives compute capability 10.x/12.x Hopper's 32 MiB cuBLAS workspace, so the H200's 92.6 MB carries over" },
    reserve: reserve('borrowed'),
  },
  ada: { family: 'ada', context: borrowedContext, workspaces: olderNvidiaWorkspaces(), reserve: reserve('borrowed') },
  ampere: { family: 'ampere', context: borrowedContext, workspaces: olderNvidiaWorkspaces(), reserve: reserve('borrowed') },
  turing: { family: 'turing', context: borrowedContext, workspaces: olderNvidiaWorkspaces(), reserve: reserve('borrowed') },
  volta: { family: 'volta', context: borrowedContext, workspaces: olderNvidiaWorkspaces(), reserve: reserve('borrowed') },
  cdna3: {
    family: 'cdna3',
    context: { ...borrowedContext, label: 'HIP context', note: 'taken from the H200 (the HIP runtime context was never measured)' },
    workspaces: rocmWorkspaces(128 * MiB, 'gfx942 (MI300X, MI325X)'),
    reserve: reserve('borrowed'),
  },
  cdna2: {
    family: 'cdna2',
    context: { ...borrowedContext, label: 'HIP context', note: 'taken from the H200 (the HIP runtime context was never measured)' },
    workspaces: rocmWorkspaces(32 * MiB, 'gfx90a (MI250X)'),
    reserve: reserve('borrowed'),
  },
};

/** The constants for a GPU family; without a GPU (not in the catalog), the measured H200 ones. */
export function deviceConstants(family: GpuFamily | undefined): DeviceConstants {
  return family ? BY_FAMILY[family] : HOPPER;
}

/** Bytes the device needs besides the allocated peak (which holds the workspaces), before any allocator reserve. */
export function fixedOverhead(c: DeviceConstants): number {
  return c.context.bytes;
}
