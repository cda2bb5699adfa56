/**
 * How long one GPU kernel takes: a roofline with a launch floor. A kernel moves `bytes` through
 * memory and does `flops` of tensor-core work; it takes the longer of the two at the rates a real
 * kernel reaches (a fraction of the datasheet peak), and never less than the time an eager PyTorch
 * step spends issuing one kernel (the Python dispatch, autograd bookkeeping and the launch itself:
 * small layers are launch-bound, which is why small models train far below their FLOP rate).
 *
 * Matmul efficiency is therefore a function of the shape: a GEMM of M×K by K×N does 2·M·N·K flops over
 * 2·(M·K + K·N + M·N) bytes, and its arithmetic intensity decides whether it runs at the tensor rate
 * (large square GEMMs), at the memory rate (LoRA's rank-r GEMMs, whose intensity is about r), or at the
 * launch floor (small GEMMs of small models). The three rates are global, mechanism-level
 * parameters fitted once on the H200 runs (calibration.ts), never per case.
 */
import type { GpuRates } from './gpuRates';
import type { TimeParameters } from './calibration';

/** One kind of kernel, issued `count` times per step, each doing `flops` and moving `bytes`. */
export interface Kernel {
  /** The mechanism it belongs to (a key of TIME_MECHANISMS). */
  mechanism: TimeMechanism;
  count: number;
  flops: number;
  bytes: number;
  /** Flash-attention kernels reach their own fraction of the tensor rate (calibration.ts). */
  attention?: boolean;
}

export type TimeMechanism = 'matmul' | 'adapter' | 'attention' | 'elementwise' | 'loss' | 'optimizer' | 'dequantize';

export const TIME_MECHANISMS: Record<TimeMechanism, string> = {
  matmul: 'base-model matmuls (forward, input gradients, weight gradients of trained weights)',
  adapter: 'adapter matmuls and elementwise ops (LoRA A/B, DoRA norm and rescale, IA3 scales)',
  attention: 'attention kernel (scores and weighted values, forward and backward)',
  elementwise: 'norms, activations, rotary embedding, residual adds, embedding lookup',
  loss: 'logits upcast and cross-entropy, forward and backward',
  optimizer: 'optimizer step over the trainable tensors',
  dequantize: 'dequantising 4-bit/8-bit weights before each use',
};

/** A GEMM of (m×k)·(k×n) in a 2-byte compute dtype. */
export function gemm(mechanism: TimeMechanism, count: number, m: number, k: number, n: number): Kernel {
  return { mechanism, count, flops: 2 * m * n * k, bytes: 2 * (m * k + k * n + m * n) };
}

/** A memory-bound kernel moving `bytes` each time. */
export function pass(mechanism: TimeMechanism, count: number, bytes: number): Kernel {
  return { mechanism, count, flops: 0, bytes };
}

export function kernelSeconds(k: Kernel, gpu: GpuRates, p: TimeParameters): number {
  if (k.count <= 0) return 0;
  const rate = gpu.tflops * 1e12 * (k.attention ? p.attentionFraction : p.matmulFraction);
  const compute = k.flops / rate;
  const memory = k.bytes / (gpu.bandwidthGBs * 1e9 * p.bandwidthFraction);
  return k.count * Math.max(p.launchSeconds, compute, memory);
}
