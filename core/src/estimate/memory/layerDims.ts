/**
 * The traits of a decoder layer that decide what it saves, read from the architecture: widths,
 * gated or plain MLP, how many norms (Gemma-2/3 wrap both sublayers in pre- and post-norms), q/k
 * norms (Qwen3, Gemma-3, OLMo-2), how the activation is computed, hidden-state dropout.
 */
import type { Architecture } from '../../models/types';
import type { LayerDims } from './layerActivations';
import { hasGatedMlp, usesLayerNorm } from './roles';

const isNorm = (type: string) => type === 'RMSNorm' || type === 'LayerNorm';

/**
 * Tensors an MLP activation keeps, in units of the intermediate width: one op (SiLU, GELU, tanh-GELU)
 * keeps its input, which is already counted. transformers' composed GELUs (transformers 5.17
 * activations.py) keep more: `gelu_new`/`gelu_accurate` (x + 0.044715·x³ inside the tanh) three, tanh's
 * output, the halved input and 1 + tanh; `gelu_fast` (x·c·(1 + 0.044715·x·x)) six, those three plus
 * 0.044715·x, x·c and 1 + 0.044715·x·x, each a factor of a tensor product; `quick_gelu` the sigmoid.
 */
function activationExtra(hiddenAct: unknown): number {
  if (hiddenAct === 'gelu_new' || hiddenAct === 'gelu_accurate') return 3;
  if (hiddenAct === 'gelu_fast') return 6;
  if (hiddenAct === 'quick_gelu') return 1;
  return 0;
}

const HIDDEN_DROPOUT = ['resid_pdrop', 'hidden_dropout', 'hidden_dropout_prob', 'resid_dropout', 'residual_dropout', 'dropout'];
const ATTENTION_DROPOUT = ['attn_pdrop', 'attention_dropout', 'attention_probs_dropout_prob', 'attn_dropout'];
const EMBEDDING_DROPOUT = ['embd_pdrop', 'embed_dropout', 'embedding_dropout', 'dropout'];

/**
 * Dropout probabilities transformers 5.17's config classes default to when config.json omits the key
 * (every other family we build defaults to 0): GPT2Config and GPTBigCodeConfig 0.1 on the residual
 * stream, the attention probabilities and the embeddings; OPTConfig `dropout` 0.1 (residual and
 * embeddings; `attention_dropout` 0.0).
 */
const DROPOUT_DEFAULTS: Record<string, Record<string, number>> = {
  gpt2: { resid_pdrop: 0.1, attn_pdrop: 0.1, embd_pdrop: 0.1 },
  gpt_bigcode: { resid_pdrop: 0.1, attn_pdrop: 0.1, embd_pdrop: 0.1 },
  opt: { dropout: 0.1 },
};

/**
 * The language model's own settings. A composite model's config.json (Gemma 3/3n/4, Llava, Qwen-VL, ...)
 * keeps its decoder's under `text_config`, which transformers 5.17 hands to the text model: the window,
 * soft-caps, activation and dropouts are read there first, then at the top level.
 */
export function textConfig(arch: Architecture): Record<string, unknown> {
  const text = arch.config.text_config;
  return text && typeof text === 'object' && !Array.isArray(text) ? { ...arch.config, ...(text as Record<string, unknown>) } : arch.config;
}

/** The largest dropout a config declares under `keys`, or its model type's default for a key it omits. */
export function dropoutOf(arch: Architecture, keys: string[]): number {
  const defaults = DROPOUT_DEFAULTS[arch.modelType] ?? {};
  const config = textConfig(arch);
  const value = (k: string) => (typeof config[k] === 'number' ? (config[k] as number) : (defaults[k] ?? 0));
  return Math.max(0, ...keys.map(value));
}

/** Embedding dropout (GPT-2's embd_pdrop, OPT's dropout): a one-byte mask per embedding element. */
export function embeddingDropout(arch: Architecture): boolean {
  return dropoutOf(arch, EMBEDDING_DROPOUT) > 0;
}

export function layerDims(arch: Architecture): LayerDims {
  const config = textConfig(arch);
  const norms = arch.modules.filter((m) => m.layer === 0 && isNorm(m.type));
  const wide = norms.filter((m) => (m.outFeatures ?? arch.hiddenSize) === arch.hiddenSize && !/(^|\.)(q|k)_(norm|layernorm)$/.test(m.name));
  const qk = norms.filter((m) => /(^|\.)(q|k)_(norm|layernorm)$/.test(m.name));
  // A per-head q/k norm (width head_dim) runs on every head; a full-width one (OLMo-2) once.
  const qkWidth = qk.reduce((s, m) => {
    const w = m.outFeatures ?? arch.headDim;
    const heads = /(^|\.)q_/.test(m.name) ? arch.numHeads : arch.numKvHeads;
    return s + (w === arch.headDim ? w * heads : w);
  }, 0);
  return {
    h: arch.hiddenSize,
    nq: arch.numHeads,
    nkv: arch.numKvHeads,
    d: arch.headDim,
    inter: arch.intermediateSize,
    gated: hasGatedMlp(arch),
    layerNorm: usesLayerNorm(arch),
    experts: arch.experts,
    extraNorms: Math.max(0, wide.length - 2),
    qkNormWidth: qkWidth,
    activationExtra: activationExtra(config.hidden_act ?? config.activation_function),
    hiddenDropout: dropoutOf(arch, HIDDEN_DROPOUT) > 0,
    attentionDropout: dropoutOf(arch, ATTENTION_DROPOUT) > 0,
    attentionSoftcap: typeof config.attn_logit_softcapping === 'number' && config.attn_logit_softcapping > 0,
    sharedNorm: wide.length === 1,
    compiled: false,
    compiledHead: false,
    ligerNorm: false,
    ligerGlu: false,
  };
}

/** Gemma-2's final logit soft-capping (divide, tanh, multiply) keeps tanh's output for backward. */
export function logitSoftcap(arch: Architecture): boolean {
  const softcap = textConfig(arch).final_logit_softcapping;
  return typeof softcap === 'number' && softcap > 0;
}

/**
 * A sliding attention window and which layers use it (transformers 5.17): `layer_types` when the config
 * lists them; Gemma-2 alternates, sliding on even layers; Gemma-3 makes every `sliding_window_pattern`-th
 * layer (6 by default) global; otherwise every layer slides. Qwen2-style configs that carry a window but
 * set `use_sliding_window: false` have none.
 */
export function slidingWindow(arch: Architecture): { size: number; sliding: (layer: number) => boolean } | undefined {
  const config = textConfig(arch);
  const size = config.sliding_window;
  if (typeof size !== 'number' || size <= 0 || config.use_sliding_window === false) return undefined;
  const types = config.layer_types;
  if (Array.isArray(types)) return { size, sliding: (i) => types[i] === 'sliding_attention' };
  if (arch.modelType === 'gemma2') return { size, sliding: (i) => i % 2 === 0 };
  if (arch.modelType === 'gemma3' || arch.modelType === 'gemma3_text') {
    const pattern = typeof config.sliding_window_pattern === 'number' ? config.sliding_window_pattern : 6;
    return { size, sliding: (i) => (i + 1) % pattern !== 0 };
  }
  return { size, sliding: () => true };
}
