/**
 * What one decoder layer leaves saved for backward, per token, tensor by tensor. Autograd keeps a
 * tensor only where some input of an op needs a gradient: a frozen Linear keeps its weight (no new
 * memory) but not its input; a trainable one keeps its input. Tensors several ops save are counted
 * once (keyed by name). Checked against the H200 calibration runs (bench:memory).
 */
import { adapterSaves } from './adapterActivations';
import type { Mechanism } from './mechanisms';
import { counted } from './mechanisms';
import type { AdaptedLinear } from './method';
import { inputGroup } from './roles';
import type { InputGroup } from './roles';

export interface LayerDims {
  h: number;
  nq: number;
  nkv: number;
  d: number;
  inter: number;
  gated: boolean;
  /** LayerNorm computes its weight grad from the saved input; RMSNorm keeps its normalised output too. */
  layerNorm: boolean;
  experts?: { count: number; perToken: number; intermediateSize: number; sharedIntermediateSize?: number };
  /** Norms beyond the two pre-norms (Gemma-2/3's post-norms), each keeping its fp32 input. */
  extraNorms: number;
  /** Elements per token that q/k norms normalise (0 without them). */
  qkNormWidth: number;
  /** Intermediate-width tensors the MLP activation keeps beyond its input (composed GELUs). */
  activationExtra: number;
  /** Hidden-state dropout: a one-byte mask after attention and after the MLP. */
  hiddenDropout: boolean;
  /** Dropout on the attention probabilities: eager attention keeps a one-byte mask per score (SDPA kernels draw it again in backward). */
  attentionDropout: boolean;
  /** Attention logit soft-capping (Gemma-2): eager attention keeps tanh's output per score. */
  attentionSoftcap: boolean;
  /** Attention and MLP read one shared input norm (parallel blocks: Phi-1/2, Falcon-7B, GPT-J): no second norm. */
  sharedNorm: boolean;
  /** The layer runs under torch.compile: inductor saves the bf16 inputs of fused pointwise chains, not their fp32 intermediates. */
  compiled: boolean;
  /** The final norm is compiled with the layers (whole-model compile); torchtune runs it eagerly. */
  compiledHead: boolean;
  /** Liger's RMSNorm replaces the model's (RMSNorm models only): it keeps its input and an fp32 rstd. */
  ligerNorm: boolean;
  /** Liger's SwiGLU/GeGLU MLP: keeps gate's and up's outputs and recomputes the activation. */
  ligerGlu: boolean;
}

export interface ElementBytes {
  /** Residual stream, norm outputs, projection outputs. */
  act: number;
  /** What attention saves: its inputs are in the compute dtype. */
  attn: number;
  /** A PEFT adapter's own copy of its input (autocast's compute-dtype copy of the fp32 cast); 0 when it reads the shared input. */
  adapterCopy: number;
}

export interface AttentionLayout {
  eager: boolean;
  /** Keys each query attends to, over the query length (prefix tuning adds virtual keys). */
  kvRatio: number;
  /** Keys per query token, for eager attention's score matrix. */
  kvPerQuery: number;
  /** K/V keep the KV-head count (SDPA's enable_gqa, flash kernels) or are expanded to every head (repeat_kv). */
  nativeGqa: boolean;
  /** Bytes per query token of an additive mask the memory-efficient kernel saves (0 without a materialised mask). */
  maskBytesPerQuery: number;
  /** Prefix tuning: the Cache object keeps the concatenated keys/values alive. */
  cachedKv: boolean;
}

export interface LayerTraining {
  /** The layer's input requires grad (something trainable sits below, or checkpointing forces it). */
  gradIn: boolean;
  /** All base weights of the layer train (full fine-tuning, freeze-tuned layers). */
  full: boolean;
  adapters: AdaptedLinear[];
  /** Prefix tuning: trainable keys/values enter attention. */
  prefix: boolean;
  /**
   * The layer's input is already held (the checkpoint keeps it for recomputation): an input norm that
   * reads an fp32 residual gets that tensor back from `.to(float32)` and keeps no copy of its own.
   */
  inputHeld?: boolean;
}

/** Records a saved tensor once, under a key shared by every op that saves that same tensor, and the mechanism that saves it. */
export type Keep = (key: string, bytes: number, mechanism: Mechanism) => void;

/** A Keep that collects into `saved` (first writer of a key wins) and the total it adds up to. */
export function savedTensors(): { keep: Keep; recompute: (key: string) => void; total: () => number } {
  const saved = new Map<string, number>();
  const keep: Keep = (key, b, mechanism) => {
    const bytes = counted(mechanism, b);
    if (bytes > 0 && !saved.has(key)) saved.set(key, bytes);
  };
  // A tensor the compiled graph recomputes in backward: no op's save of it costs memory.
  const recompute = (key: string) => void saved.set(key, 0);
  return { keep, recompute, total: () => [...saved.values()].reduce((s, b) => s + b, 0) };
}

export function layerSavedPerToken(dims: LayerDims, bytes: ElementBytes, attn: AttentionLayout, train: LayerTraining): number {
  const { keep, recompute, total } = savedTensors();
  const { h, nq, d } = dims;
  const width: Record<InputGroup, number> = { attnIn: h, attnOut: nq * d, mlpIn: h, mlpMid: dims.inter, head: h, other: h };
  const group = (g: InputGroup) => train.adapters.filter((a) => inputGroup(a.role) === g);

  // Parallel blocks feed the MLP the attention's normed input.
  const keyOf = (g: InputGroup) => (g === 'mlpIn' && dims.sharedNorm ? 'attnIn' : g);
  // `inputGrad`: the tensor the group reads requires grad, so what only its gradient needs is kept too.
  const adapt = (g: InputGroup, inputGrad: boolean) => {
    for (const a of group(g)) adapterSaves(keep, a, keyOf(g) as InputGroup, width[g], bytes, inputGrad);
  };
  if (dims.compiled && dims.gated && !dims.experts) recompute('mlpMid');

  let flow = train.gradIn;
  // The checkpoint's held input is what an fp32 residual's `.float()` returns, and what Liger's RMSNorm saves.
  if (flow) normSaves(keep, 'ln1', dims, bytes, train.full, 'attnIn', train.inputHeld && (bytes.act === 4 || dims.ligerNorm));
  if (train.full) keep('attnIn', bytes.act * h, 'trained linear inputs');
  adapt('attnIn', flow);
  flow = flow || train.full || group('attnIn').length > 0 || train.prefix;
  if (flow) {
    attentionSaves(keep, dims, bytes, attn);
    keep('qkNorm', (4 + (train.full ? bytes.act : 0)) * dims.qkNormWidth, 'q/k norms');
  }
  if (train.full) keep('attnOut', bytes.attn * nq * d, 'attention output');
  adapt('attnOut', flow);
  flow = flow || group('attnOut').length > 0;
  if (flow) sublayerEndSaves(keep, 'attn', dims, bytes, train.full, 1);
  // A parallel block's MLP sits beside attention: its gradient flows only from the layer's own input.
  const mlpFlow = dims.sharedNorm ? train.gradIn : flow;
  if (mlpFlow && !dims.sharedNorm) normSaves(keep, 'ln2', dims, bytes, train.full, 'mlpIn');
  if (train.full) keep(keyOf('mlpIn'), bytes.act * h, 'trained linear inputs');
  adapt('mlpIn', mlpFlow);
  const midGrad = mlpFlow || train.full || group('mlpIn').length > 0;
  if (midGrad) mlpSaves(keep, dims, bytes);
  if (train.full) keep('mlpMid', bytes.act * dims.inter, 'trained linear inputs');
  adapt('mlpMid', midGrad);
  if (flow) sublayerEndSaves(keep, 'mlp', dims, bytes, train.full, 2);
  return total();
}

/**
 * RMSNorm/LayerNorm run in fp32 (`.float()` or autocast's fp32 list) and keep that fp32 input (`held`:
 * a tensor already counted elsewhere). Compiled, the norm is one fused kernel: the partitioner keeps one
 * compute-dtype tensor (the input or, equivalently for backward, the normed output `out` that the next
 * Linear reads) and the fp32 rstd per token (LayerNorm: and its mean); the fp32 copies and a trained
 * weight's normed output are recomputed.
 */
function normSaves(keep: Keep, name: string, dims: LayerDims, bytes: ElementBytes, trains: boolean, out: string, held = false): void {
  // Liger 0.8's rms_norm.py saves the input X (already held when the checkpoint keeps it), the weight
  // and the fp32 rstd; its backward needs no normed output for the weight's gradient.
  if (dims.ligerNorm && !dims.layerNorm && !dims.compiled) {
    if (!held) keep(`${name}.x`, bytes.act * dims.h, 'Liger RMSNorm saves');
    return keep(`${name}.rstd`, 4, 'Liger RMSNorm saves');
  }
  if (dims.compiled) {
    keep(out, bytes.act * dims.h, 'compiled norm saves');
    return keep(`${name}.stats`, dims.layerNorm ? 8 : 4, 'compiled norm saves');
  }
  if (!held) keep(`${name}.x32`, 4 * dims.h, 'norm fp32 inputs');
  if (trains && !dims.layerNorm) keep(`${name}.normed`, bytes.act * dims.h, 'norm outputs');
}

/** After a sublayer: its post-norm (the `nth` extra norm, if the model has it) and the dropout mask. */
function sublayerEndSaves(keep: Keep, name: string, dims: LayerDims, bytes: ElementBytes, trains: boolean, nth: number): void {
  if (dims.extraNorms >= nth) normSaves(keep, `${name}.post`, dims, bytes, trains, `${name}.postOut`);
  // Compiled, dropout draws its mask again from the saved RNG state in backward.
  if (dims.hiddenDropout && !dims.compiled) keep(`${name}.dropMask`, dims.h, 'hidden dropout masks');
}

/**
 * SDPA/flash keep q, k, v, the output and the fp32 log-sum-exp. Eager attention is two matmuls around a
 * softmax: they keep q, k, v and the softmax's fp32 output and its compute-dtype cast, not the output.
 */
function attentionSaves(keep: Keep, dims: LayerDims, bytes: ElementBytes, attn: AttentionLayout): void {
  const kvHeads = attn.nativeGqa ? dims.nkv : dims.nq;
  keep('q', bytes.attn * dims.nq * dims.d, 'attention q/k/v');
  keep('k', bytes.attn * kvHeads * dims.d * attn.kvRatio, 'attention q/k/v');
  keep('v', bytes.attn * kvHeads * dims.d * attn.kvRatio, 'attention q/k/v');
  if (!attn.eager) keep('attnOut', bytes.attn * dims.nq * dims.d, 'attention output');
  if (attn.eager) keep('probs', (4 + bytes.attn) * dims.nq * attn.kvPerQuery, 'eager attention probabilities');
  else keep('lse', 4 * dims.nq, 'attention log-sum-exp');
  // Soft-capping divides the scores, takes tanh (which keeps its output) and multiplies back.
  if (attn.eager && dims.attentionSoftcap) keep('softcapTanh', bytes.attn * dims.nq * attn.kvPerQuery, 'attention soft-capping');
  if (attn.eager && dims.attentionDropout) keep('probsMask', dims.nq * attn.kvPerQuery, 'attention dropout mask');
  keep('mask', attn.maskBytesPerQuery, 'attention mask bias');
  if (attn.cachedKv && !attn.nativeGqa) keep('cache', 2 * bytes.attn * dims.nkv * dims.d * attn.kvRatio, 'prefix key/value cache');
}

/** Gated MLP: act(gate) keeps gate's output, the product keeps both factors. MoE: per routed expert slot. */
function mlpSaves(keep: Keep, dims: LayerDims, bytes: ElementBytes): void {
  const a = bytes.act;
  const e = dims.experts;
  if (!e) {
    if (dims.gated) {
      keep('gateOut', a * dims.inter, 'MLP intermediates');
      // Compiled, or under Liger's SiLU/GELU-mul kernel (it saves gate's and up's outputs), act(gate) is recomputed in backward.
      if (!dims.compiled && !dims.ligerGlu) keep('actOut', a * dims.inter, 'MLP intermediates');
      keep('upOut', a * dims.inter, 'MLP intermediates');
    } else keep('fc1Out', a * dims.inter, 'MLP intermediates');
    if (!dims.compiled && !(dims.ligerGlu && dims.gated)) keep('actExtra', a * dims.inter * dims.activationExtra, 'MLP activation extras');
    return;
  }
  // Router softmax (fp32), then per routed slot the expert's three intermediates and its output, which
  // the routing-weight product keeps. Qwen-MoE's shared expert: its three intermediates and its output,
  // which the product with its sigmoid gate keeps.
  keep('router', 4 * e.count, 'MoE routing and experts');
  keep('experts', e.perToken * (3 * a * e.intermediateSize + a * dims.h), 'MoE routing and experts');
  if (e.sharedIntermediateSize) keep('shared', 3 * a * e.sharedIntermediateSize + a * dims.h, 'MoE routing and experts');
}

/**
 * Above the last layer: the final norm keeps its fp32 input when a gradient flows back through it
 * (and its normalised output when it trains); the output layer keeps its input when it trains.
 */
export function headSavedPerToken(dims: LayerDims, bytes: ElementBytes, head: { flow: boolean; normTrains: boolean; lmHeadTrains: boolean; adapters: AdaptedLinear[] }): number {
  const { keep, total } = savedTensors();
  // torchtune compiles the decoder layers only: the final norm runs eagerly; a whole-model compile fuses it too.
  if (head.flow) normSaves(keep, 'norm', { ...dims, compiled: dims.compiledHead }, bytes, head.normTrains, 'head');
  if (head.lmHeadTrains) keep('head', bytes.act * dims.h, 'final norm and output layer inputs');
  for (const a of head.adapters) adapterSaves(keep, a, 'head', dims.h, bytes, head.flow);
  return total();
}

/** Gradients of a layer's intermediates alive at once in its backward (the MLP's are the widest). */
export function layerBackwardTempPerToken(dims: LayerDims, bytes: ElementBytes): number {
  const e = dims.experts;
  const mlp = e ? e.perToken * 3 * e.intermediateSize + 3 * (e.sharedIntermediateSize ?? 0) : (dims.gated ? 3 : 2) * dims.inter;
  return counted('layer backward temporaries', bytes.act * (mlp + 2 * dims.h));
}
