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

/** The largest hidden-state dropout a config declares (GPT-2's resid_pdrop, Falcon's hidden_dropout, ...). */
function hiddenDropout(config: Record<string, unknown>): number {
  const keys = ['resid_pdrop', 'hidden_dropout', 'hidden_dropout_prob', 'resid_dropout', 'dropout'];
  return Math.max(0, ...keys.map((k) => (typeof config[k] === 'number' ? (config[k] as number) : 0)));
}

export function layerDims(arch: Architecture): LayerDims {
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
    activationExtra: activationExtra(arch.config.hidden_act ?? arch.config.activation_function),
    hiddenDropout: hiddenDropout(arch.config) > 0,
  };
}

/** Gemma-2's final logit soft-capping (divide, tanh, multiply) keeps tanh's output for backward. */
export function logitSoftcap(arch: Architecture): boolean {
  return typeof arch.config.final_logit_softcapping === 'number' && arch.config.final_logit_softcapping > 0;
}
