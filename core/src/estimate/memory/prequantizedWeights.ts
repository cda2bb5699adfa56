/**
 * Bytes a prequantized checkpoint keeps on the GPU: each replaced Linear in its packed format, the
 * rest (embeddings, norms, the output layer, what the quantizer skipped) in the float dtype. The
 * checkpoint's own `quantization_config` decides the format; a `load_in_4bit` in the training config
 * does not quantize it a second time (transformers 5.x keeps the checkpoint's config and warns).
 *
 * Per replaced Linear with K inputs, N outputs, b bits and groups of g inputs (K/g groups):
 *   GPTQ (auto-gptq/gptqmodel layout): qweight int32 [K·b/32, N], qzeros int32 [K/g, N·b/32],
 *     scales fp16 [K/g, N], g_idx int32 [K], bias fp16 [N]  → K·N·b/8 + (K/g)·N·(b/8 + 2) + 4K (+ 2N)
 *   AWQ (GEMM layout): qweight int32 [K, N·b/32], qzeros int32 [K/g, N·b/32], scales fp16 [K/g, N],
 *     bias fp16 [N] → K·N·b/8 + (K/g)·N·(b/8 + 2) (+ 2N)
 *   AQLM: codes [N/og, K/ig, C] in int8/int16/int32 (as nbits ≤ 8/16/32), codebooks fp16
 *     [C, 2^nbits, og, ig], scales fp16 [N/og] (+ bias) — 1x16 with ig 8 is 2 bits per weight plus 1 MiB
 *     of codebook per layer.
 *   bitsandbytes: as the QLoRA path (`quantizedBytesPerParam` in weights.ts), the bias in the float dtype.
 * Each kernel dequantizes the whole weight to the compute dtype for a training matmul (the large-token
 * paths of gptqmodel's torch kernel, AutoAWQ's GEMM and AQLM's dequantize-then-matmul), so the largest
 * replaced Linear is also the largest `dequantized weight`.
 */
import type { Architecture, ModuleInfo } from '../../models/types';
import type { StoredQuantization } from '../../models/prequantized';
import { counted } from './mechanisms';
// weights.ts imports this file too: the cycle only holds functions, called after both have loaded.
import type { WeightBytes, WeightStorage } from './weights';
import { quantizedBytesPerParam } from './weights';

export interface StoredBytes {
  /** Bytes of the replaced Linears in their packed format. */
  bytes: number;
  /** Of the base parameters PEFT counts, the ones inside the replaced Linears (not stored as floats). */
  countedInside: number;
  largestQuantized: number;
}

function codeBytes(nbits: number): number {
  return nbits <= 8 ? 1 : nbits <= 16 ? 2 : 4;
}

/** Stored bytes of one replaced Linear; the bias at `floatBytes` where the format keeps it as a float Parameter. */
export function storedLinearBytes(q: StoredQuantization, k: number, n: number, bias: boolean, floatBytes: number): number {
  const weights = k * n;
  switch (q.method) {
    case 'gptq':
    case 'awq': {
      const groups = Math.ceil(k / (q.groupSize && q.groupSize > 0 ? q.groupSize : k));
      const packed = (weights * q.bits) / 8 + groups * n * (q.bits / 8 + 2) + (bias ? 2 * n : 0);
      return packed + (q.method === 'gptq' ? 4 * k : 0);
    }
    case 'aqlm': {
      const og = q.outGroup!;
      const ig = q.inGroup!;
      const c = q.codebooks!;
      return (n / og) * (k / ig) * c * codeBytes(q.bits) + c * 2 ** q.bits * og * ig * 2 + (n / og) * 2 + (bias ? n * floatBytes : 0);
    }
    case 'bitsandbytes':
      return weights * quantizedBytesPerParam({ bits: q.bits === 8 ? 8 : 4, doubleQuant: q.doubleQuant }) + (q.bits === 8 ? 4 * n : 0) + (bias ? n * floatBytes : 0);
  }
}

export function prequantizedBytes(q: StoredQuantization, modules: readonly ModuleInfo[], floatBytes: number): StoredBytes {
  const wanted = new Set(q.quantized);
  let bytes = 0;
  let countedInside = 0;
  let largestQuantized = 0;
  for (const m of modules) {
    if (!wanted.has(m.name)) continue;
    const k = m.inFeatures ?? 0;
    const n = m.outFeatures ?? 0;
    bytes += storedLinearBytes(q, k, n, m.bias, floatBytes);
    countedInside += m.params;
    largestQuantized = Math.max(largestQuantized, k * n);
  }
  return { bytes: counted('prequantized checkpoint storage', bytes), countedInside, largestQuantized };
}

/**
 * The frozen base (`baseParams`, as PEFT counts them) of a prequantized checkpoint: the replaced
 * Linears packed, the rest in the float dtype, or fp32 where prepare_model_for_kbit_training upcasts
 * it (PEFT 0.21 skips that upcast for GPTQ and AQLM models).
 */
export function prequantizedWeightBytes(arch: Architecture, q: StoredQuantization, baseParams: number, storage: WeightStorage): WeightBytes {
  const upcast = storage.upcastUnquantized && q.method !== 'gptq' && q.method !== 'aqlm';
  const floatBytes = upcast ? 4 : storage.floatBytes;
  const stored = prequantizedBytes(q, arch.modules, floatBytes);
  const floats = Math.max(0, baseParams - stored.countedInside);
  return { bytes: stored.bytes + floats * floatBytes, quantizedParams: stored.countedInside, largestQuantized: stored.largestQuantized };
}
