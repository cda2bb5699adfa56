/**
 * The kernels of one micro-step (forward, the recompute under gradient checkpointing, backward) for a
 * micro-batch, from the exact module shapes the count built and what the method trains. Byte counts
 * per element follow transformers 5.17's eager modules and PEFT 0.21's adapter layers; each list
 * entry says which code it stands for. Activations are 2-byte (bf16/fp16 autocast).
 */
import type { Architecture, ModuleInfo } from '../../models/types';
import type { AdaptedLinear } from '../memory/method';
import { firstTrainableLayer } from '../memory/method';
import { isLinear } from '../memory/roles';
import type { PreparedStep } from '../memory/step';
import type { Kernel } from './kernels';
import { gemm, pass } from './kernels';

export interface MicroStepShape {
  batch: number;
  /** Positions per sequence (prompt tuning's virtual tokens included). */
  positions: number;
  /** Keys per query (prefix tuning's virtual keys included). */
  keys: number;
}

/** The base Linears of one decoder layer, or the Linears outside the layers (the output layer). */
function linearsOf(arch: Architecture, layer: number | undefined): ModuleInfo[] {
  return arch.modules.filter((m) => isLinear(m) && m.layer === layer && !m.name.includes('vision') && (layer !== undefined || m.name === arch.outputEmbedding));
}

/** A routed expert sees perToken/count of the tokens (uniform routing). */
function tokenShare(arch: Architecture, m: ModuleInfo): number {
  return arch.experts && /\.experts?\./.test(m.name) ? arch.experts.perToken / arch.experts.count : 1;
}

export function microStepKernels(p: PreparedStep, s: MicroStepShape): Kernel[] {
  const { arch, setup, shape, dims } = p;
  const T = s.batch * s.positions;
  const kernels: Kernel[] = [];
  const first = firstTrainableLayer(shape, arch.numLayers);
  const everyLayerBackward = setup.gc || shape.inputsNeedGrad;
  const trainsWeights = (layer: number) => shape.kind === 'full' || (shape.kind === 'freeze' && layer >= arch.numLayers - shape.fullLayers);
  const quantized = setup.quantization !== undefined;
  const layerLinears = linearsOf(arch, 0);
  const adaptedByLayer = new Map<number, AdaptedLinear[]>();
  for (const a of shape.adapted) if (a.layer !== undefined) adaptedByLayer.set(a.layer, [...(adaptedByLayer.get(a.layer) ?? []), a]);

  for (let layer = 0; layer < arch.numLayers; layer++) {
    const backward = everyLayerBackward || layer >= first;
    // Forward runs once, and again in backward under gradient checkpointing.
    const forwards = backward && setup.gc ? 2 : 1;
    const linears = layer === 0 ? layerLinears : linearsOf(arch, layer);
    for (const m of linears) {
      const tokens = Math.round(T * tokenShare(arch, m));
      const [k, n] = [m.inFeatures ?? 0, m.outFeatures ?? 0];
      kernels.push(gemm('matmul', forwards, tokens, k, n));
      if (backward) kernels.push(gemm('matmul', 1, tokens, n, k));
      if (backward && trainsWeights(layer)) kernels.push(gemm('matmul', 1, n, tokens, k));
      // bitsandbytes dequantises the packed weight to the compute dtype before each matmul that reads it.
      if (quantized) kernels.push(pass('dequantize', forwards + (backward ? 1 : 0), k * n * (setup.quantization!.bits / 8 + 2)));
    }
    for (const a of adaptedByLayer.get(layer) ?? []) kernels.push(...adapterKernels(a, T, forwards, backward));
    kernels.push(...layerElementwise(p, T, forwards, backward));
    kernels.push(...attentionKernels(p, s, forwards, backward));
  }
  // Embedding lookup; its scatter-add gradient when the embedding trains.
  kernels.push(pass('elementwise', 1, T * dims.h * 4));
  if (shape.kind === 'full') kernels.push(pass('elementwise', 1, T * dims.h * 6));
  kernels.push(...headKernels(p, T));
  return kernels;
}

/**
 * PEFT 0.21 LoRA Linear.forward (dropout 0 is an Identity): the fp32 A and B cast to bf16 under autocast,
 * x·Aᵀ, ·Bᵀ, times scaling, added to the base output; backward: the scaled gradient, dB, the gradient
 * through B, dA, and the input gradient through A added to the base's. DoRA (lora/dora.py) adds per
 * forward B·A, the norm of W + s·B·A over each row, and four fp32 elementwise ops on the output
 * (magnitude over norm, the rescaled base output, the rescaled LoRA output, their sum). IA3 is one scale.
 */
function adapterKernels(a: AdaptedLinear, T: number, forwards: number, backward: boolean): Kernel[] {
  const { inFeatures: i, outFeatures: o, r } = a;
  if (a.kind === 'ia3-output' || a.kind === 'ia3-input') {
    const width = a.kind === 'ia3-input' ? i : o;
    return [pass('adapter', forwards + (backward ? 2 : 0), T * width * 4)];
  }
  const out: Kernel[] = [
    pass('adapter', 2 * forwards, (i + o) * r * 6),
    gemm('adapter', forwards, T, i, r),
    gemm('adapter', forwards, T, r, o),
    pass('adapter', forwards, T * o * 4),
    pass('adapter', forwards, T * o * 6),
  ];
  if (backward) {
    out.push(pass('adapter', 1, T * o * 4), gemm('adapter', 1, o, T, r), gemm('adapter', 1, T, o, r), gemm('adapter', 1, r, T, i), gemm('adapter', 1, T, r, i), pass('adapter', 1, T * i * 6));
  }
  if (a.kind === 'dora') {
    out.push(gemm('adapter', forwards, o, r, i), pass('adapter', 2 * forwards, o * i * 8));
    out.push(pass('adapter', 4 * forwards, T * o * 10));
    if (backward) out.push(pass('adapter', 6, T * o * 10));
  }
  return out;
}

/**
 * The elementwise kernels of one decoder layer in transformers 5.17's eager modules, per token:
 * RMSNorm upcasts to fp32, squares, averages, multiplies by the reciprocal root, casts back and scales
 * (6 kernels, about 36 bytes per element); LayerNorm is one fused kernel; two residual adds; rotary
 * embedding on q and k (multiply by cos, rotate_half's two slices and negation joined by cat, multiply
 * by sin, add: 6 kernels of about 6 bytes per element); the MLP's activation and, when gated, the
 * product with up. Backward issues about twice the forward's kernels and bytes.
 */
function layerElementwise(p: PreparedStep, T: number, forwards: number, backward: boolean): Kernel[] {
  const d = p.dims;
  const norms = 2 + d.extraNorms;
  const rope = (d.nq + d.nkv) * d.d;
  const fwd: Kernel[] = [
    d.layerNorm ? pass('elementwise', norms, T * d.h * 4) : pass('elementwise', 6 * norms, T * d.h * 6),
    pass('elementwise', 2, T * d.h * 6),
    pass('elementwise', 6, T * rope * 6),
    pass('elementwise', d.gated ? 2 : 1, T * d.inter * 5),
  ];
  const times = forwards + (backward ? 2 : 0);
  return fwd.map((k) => ({ ...k, count: k.count * times }));
}

/**
 * Attention at the kernel the plan selected. Flash-style kernels (SDPA's flash/cuDNN backend on
 * unmasked causal batches, flash_attention_2/3) skip the masked half of a causal score matrix and
 * recompute it in backward: forward 4·b·heads·s·keys·d/2 flops, backward 2.5 times that (five GEMMs
 * for two). SDPA with a padding or packing mask runs its memory-efficient kernel: the same tiling, but
 * over the whole score matrix (the mask is an arbitrary bias) and reading the mask for every head.
 * Eager attention materialises the scores: two batched GEMMs over the full matrix and a softmax in
 * fp32 (scale, mask, softmax: about 8 bytes per score each), twice that in backward.
 */
function attentionKernels(p: PreparedStep, s: MicroStepShape, forwards: number, backward: boolean): Kernel[] {
  const { nq, nkv, d } = p.dims;
  const heads = s.batch * nq;
  const scores = heads * s.positions * s.keys;
  const impl = p.setup.attention;
  const masked = p.setup.paddingMask || p.setup.packedMask;
  if (impl !== 'eager') {
    const causalShare = masked ? 1 : s.keys > s.positions ? (s.keys - s.positions / 2) / s.keys : 0.5;
    const io = 2 * s.batch * (2 * nq * s.positions + 2 * nkv * s.keys) * d + (masked ? 2 * scores : 0);
    const fwd = 4 * scores * d * causalShare;
    const out: Kernel[] = [{ mechanism: 'attention', count: forwards, flops: fwd, bytes: io, attention: true }];
    if (backward) out.push({ mechanism: 'attention', count: 1, flops: 2.5 * fwd, bytes: 2 * io, attention: true });
    return out;
  }
  const batched = (m: number, k: number, n: number): Kernel => {
    const one = gemm('attention', 1, m, k, n);
    return { ...one, flops: one.flops * heads, bytes: one.bytes * heads };
  };
  const fwd = [batched(s.positions, d, s.keys), pass('attention', 3, scores * 8), batched(s.positions, s.keys, d)];
  return fwd.map((k) => ({ ...k, count: k.count * (forwards + (backward ? 2 : 0)) }));
}

/**
 * The output layer and the loss: the final norm; the logits GEMM, its input gradient and, when the
 * head trains, its weight gradient; transformers 5.17's ForCausalLMLoss upcasts the logits to fp32,
 * shifts the labels and runs cross_entropy (log-softmax, gather) and the same in reverse: about
 * 40 bytes per logit over six kernels. A fused or chunked loss never writes the fp32 logits: 8 bytes.
 */
function headKernels(p: PreparedStep, T: number): Kernel[] {
  const { arch, setup, shape, dims } = p;
  const head = linearsOf(arch, undefined)[0];
  const vocab = head?.outFeatures ?? arch.vocabSize;
  const out: Kernel[] = [pass('elementwise', 6, T * dims.h * 6)];
  if (head) {
    out.push(gemm('loss', 1, T, dims.h, vocab), gemm('loss', 1, T, vocab, dims.h));
    if (shape.lmHeadTrains) out.push(gemm('loss', 1, vocab, T, dims.h));
  }
  out.push(pass('loss', 6, (T * vocab * (setup.chunkedLoss ? 8 : 40)) / 6));
  return out;
}
