/**
 * Bytes of the base model's weights as stored on the GPU. Quantization (bitsandbytes LLM.int8 and
 * NF4/FP4, as QLoRA uses them) applies only to the Linear layers inside the decoder blocks: the
 * embeddings, the output layer and the norms keep a floating-point dtype.
 */
import type { Architecture } from '../../models/types';
import type { Quantization } from '../../plan';
import { prequantizedWeightBytes } from './prequantizedWeights';
import { isLinear, roleOf } from './roles';

export interface WeightStorage {
  /** Bytes per element of unquantized weights (2 for bf16/fp16, 4 for fp32). */
  floatBytes: number;
  quantization?: Quantization;
  /** Unquantized weights upcast to fp32 (PEFT's prepare_model_for_kbit_training). */
  upcastUnquantized?: boolean;
}

export interface WeightBytes {
  bytes: number;
  quantizedParams: number;
  /** Elements of the largest quantized Linear: it is dequantized to the compute dtype for each matmul. */
  largestQuantized: number;
}

/**
 * bitsandbytes 4-bit: two weights per byte, one absmax per 64-weight block; double quantization
 * stores that absmax as 8 bits with an fp32 absmax per 256 blocks. LLM.int8: one byte per weight
 * plus an fp32 scale per output row.
 */
export function quantizedBytesPerParam(q: Quantization): number {
  if (q.bits === 8) return 1;
  return q.doubleQuant ? 0.5 + 1 / 64 + 4 / (64 * 256) : 0.5 + 4 / 64;
}

/** Frozen base parameters (`baseParams`, counted as PEFT counts them) by storage. */
export function baseWeightBytes(arch: Architecture, baseParams: number, storage: WeightStorage): WeightBytes {
  // A prequantized checkpoint is stored in its own format, whatever quantization the training config asks for.
  if (arch.prequantized) return prequantizedWeightBytes(arch, arch.prequantized, baseParams, storage);
  const q = storage.quantization;
  if (!q) return { bytes: baseParams * storage.floatBytes, quantizedParams: 0, largestQuantized: 0 };
  const linears = arch.modules.filter((m) => isLinear(m) && m.layer !== undefined && roleOf(m.name) !== 'lm_head');
  // Without an inventory, everything but the embeddings (and an untied output layer) is a block Linear.
  const embeddings = arch.vocabSize * arch.hiddenSize * (arch.tieWordEmbeddings ? 1 : 2);
  const weightsOnly = (m: (typeof linears)[number]) => (m.inFeatures ?? 0) * (m.outFeatures ?? 0) || m.params;
  const quantizedParams = Math.min(baseParams, linears.length > 0 ? linears.reduce((s, m) => s + weightsOnly(m), 0) : Math.max(0, baseParams - embeddings));
  const rows = linears.reduce((s, m) => s + (m.outFeatures ?? 0), 0);
  const scales = q.bits === 8 ? 4 * rows : 0;
  const floatBytes = storage.upcastUnquantized ? 4 : storage.floatBytes;
  const largestQuantized = linears.reduce((max, m) => Math.max(max, weightsOnly(m)), 0);
  return {
    bytes: quantizedParams * quantizedBytesPerParam(q) + scales + (baseParams - quantizedParams) * floatBytes,
    quantizedParams,
    largestQuantized,
  };
}
