/**
 * A prequantized checkpoint: its config.json is the base architecture's plus a `quantization_config`
 * that says how the stored Linear weights are packed. transformers (5.x) loads such a model by
 * swapping each quantized nn.Linear for the format's layer class before loading the packed tensors,
 * and that class decides two things peft-lens needs:
 *   - what PEFT 0.21's `get_nb_trainable_parameters` counts: it sums `named_parameters()` numel, so
 *     tensors a class registers as buffers (GPTQ's and AWQ's qweight/qzeros/scales/g_idx, and their
 *     bias) are not counted at all, AQLM's codes, codebooks and scales are Parameters and counted by
 *     numel, and bitsandbytes' Params4bit is doubled back to the weight count (two codes per byte);
 *   - the bytes each layer keeps on the GPU (`core/src/estimate/memory/prequantizedWeights.ts`).
 * Which Linears are replaced follows each quantizer: GPTQ quantizes the Linears of the repeated blocks
 * (optimum/gptqmodel's `block_name_to_quantize`), the others every Linear except the output layer and
 * the modules the config names (`modules_to_not_convert`, bitsandbytes' `llm_int8_skip_modules`,
 * AQLM's `linear_weights_not_to_quantize`).
 */
import type { ModuleInfo, TensorInfo } from './types';

export type StoredMethod = 'gptq' | 'awq' | 'aqlm' | 'bitsandbytes';

export interface StoredQuantization {
  method: StoredMethod;
  /** Bits per weight code (GPTQ/AWQ `bits`; bitsandbytes 4 or 8; AQLM's bits per code, `nbits_per_codebook`). */
  bits: number;
  /** GPTQ/AWQ: weights sharing one scale and zero point along the input dimension (-1: the whole row). */
  groupSize?: number;
  /** bitsandbytes 4-bit: `bnb_4bit_use_double_quant` (the absmax itself stored in 8 bits). */
  doubleQuant?: boolean;
  /** AQLM: `num_codebooks`, `in_group_size`, `out_group_size`. */
  codebooks?: number;
  inGroup?: number;
  outGroup?: number;
  /** The Linears the quantizer replaced (their logical in/out features stay on the module). */
  quantized: string[];
}

/** The format's layer class, for messages and hover. */
const CLASS_OF: Record<StoredMethod, string> = { gptq: 'QuantLinear', awq: 'WQLinear_GEMM', aqlm: 'QuantizedLinear', bitsandbytes: 'Linear4bit' };

/** Reasons a `quantization_config` is not one peft-lens can size, worded for the unknown-model notice. */
export class UnsupportedQuantizationError extends Error {}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function names(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/\.weight$/, '')) : [];
}

/** `quantization_config` → the stored format, or undefined for a plain checkpoint; throws on one peft-lens cannot size. */
export function storedFormatOf(config: Record<string, unknown>): Omit<StoredQuantization, 'quantized'> & { skip: string[]; blocksOnly: boolean } | undefined {
  const q = config.quantization_config;
  if (!q || typeof q !== 'object') return undefined;
  const qc = q as Record<string, unknown>;
  const method = typeof qc.quant_method === 'string' ? qc.quant_method.toLowerCase() : '';
  const skip = [...names(qc.modules_to_not_convert), ...names(qc.llm_int8_skip_modules), ...names(qc.linear_weights_not_to_quantize)];
  if (method === 'gptq' || method === 'awq') {
    const bits = num(qc.bits ?? qc.w_bit);
    if (!bits) throw new UnsupportedQuantizationError(`its ${method} quantization_config has no \`bits\``);
    return { method, bits, groupSize: num(qc.group_size ?? qc.q_group_size) ?? 128, skip, blocksOnly: method === 'gptq' };
  }
  if (method === 'aqlm') {
    const bits = num(qc.nbits_per_codebook);
    const codebooks = num(qc.num_codebooks);
    const inGroup = num(qc.in_group_size);
    const outGroup = num(qc.out_group_size);
    if (!bits || !codebooks || !inGroup || !outGroup) throw new UnsupportedQuantizationError('its aqlm quantization_config lacks nbits_per_codebook, num_codebooks or the group sizes');
    return { method, bits, codebooks, inGroup, outGroup, skip, blocksOnly: false };
  }
  if (method === 'bitsandbytes') {
    const four = qc.load_in_4bit === true || qc._load_in_4bit === true;
    const eight = qc.load_in_8bit === true || qc._load_in_8bit === true;
    if (!four && !eight) throw new UnsupportedQuantizationError('its bitsandbytes quantization_config sets neither load_in_4bit nor load_in_8bit');
    return { method, bits: four ? 4 : 8, doubleQuant: qc.bnb_4bit_use_double_quant === true, skip, blocksOnly: false };
  }
  throw new UnsupportedQuantizationError(`peft-lens does not size \`quant_method: ${method || '(none)'}\` checkpoints yet (it sizes gptq, awq, aqlm and bitsandbytes)`);
}

/** transformers' module filter: a listed name matches the module itself, a dotted tail of it, or a module above it. */
function skipped(name: string, skip: string[]): boolean {
  return skip.some((k) => name === k || name.endsWith(`.${k}`) || name.startsWith(`${k}.`) || name.includes(`.${k}.`));
}

/** The Parameters PEFT counts on a replaced Linear (in K, out N). */
function countedTensors(f: Omit<StoredQuantization, 'quantized'>, m: ModuleInfo): TensorInfo[] {
  const k = m.inFeatures ?? 0;
  const n = m.outFeatures ?? 0;
  const bias: TensorInfo[] = m.bias ? [{ name: 'bias', shape: [n] }] : [];
  switch (f.method) {
    case 'gptq':
    case 'awq':
      // Every tensor (bias included) is a registered buffer: named_parameters() never yields them.
      return [];
    case 'aqlm': {
      const og = f.outGroup!;
      const ig = f.inGroup!;
      const c = f.codebooks!;
      return [
        { name: 'codes', shape: [n / og, k / ig, c] },
        { name: 'codebooks', shape: [c, 2 ** f.bits, og, ig] },
        { name: 'scales', shape: [n / og, 1, 1, 1] },
        ...bias,
      ];
    }
    case 'bitsandbytes':
      // Params4bit holds K·N/2 packed bytes, which PEFT doubles back to K·N; Int8Params is one element per weight.
      return [{ name: 'weight', shape: [n, k] }, ...bias];
  }
}

/** The inventory as the prequantized checkpoint loads it, and the stored format (undefined for a plain checkpoint). */
export function storedInventory(config: Record<string, unknown>, modules: ModuleInfo[], outputEmbedding: string | undefined): { modules: ModuleInfo[]; stored?: StoredQuantization } {
  const format = storedFormatOf(config);
  if (!format) return { modules };
  const { skip, blocksOnly, ...stored } = format;
  const quantized: string[] = [];
  const out = modules.map((m) => {
    if (m.type !== 'Linear' || m.tiedTo || m.name === outputEmbedding || skipped(m.name, skip) || (blocksOnly && m.layer === undefined)) return m;
    quantized.push(m.name);
    const tensors = countedTensors(stored, m);
    return { ...m, className: CLASS_OF[stored.method], tensors, params: tensors.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0) };
  });
  return { modules: out, stored: { ...stored, quantized } };
}

/** What the estimate says about a prequantized checkpoint (repeated in its assumptions). */
export function storedNote(q: StoredQuantization): string {
  const format =
    q.method === 'aqlm'
      ? `AQLM ${q.codebooks}x${q.bits} (input groups of ${q.inGroup})`
      : q.method === 'bitsandbytes'
        ? `bitsandbytes ${q.bits === 4 ? `4-bit${q.doubleQuant ? ' with double quantization' : ''}` : 'LLM.int8'}`
        : `${q.method.toUpperCase()} ${q.bits}-bit, group ${q.groupSize}`;
  const notLinear = q.method === 'bitsandbytes' ? '' : `; ${CLASS_OF[q.method]} is no nn.Linear, so PEFT's own \`all-linear\` does not match it (axolotl's and LLaMA-Factory's expansions do)`;
  return `prequantized checkpoint (${format}): ${q.quantized.length} Linears stored packed, counted as PEFT counts them${notLinear}`;
}
