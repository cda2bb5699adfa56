/**
 * What the parameter count selected, as plain data: the modules PEFT wraps with an adapter layer
 * (with the rank and options each was built with), the raw parameters it adapts, the
 * modules_to_save copies, trainable token rows and prompt tokens. The memory estimate reads this
 * instead of selecting again; it is internal (not part of `estimate`'s JSON output).
 */
import type { Architecture, ModuleInfo, ModuleType } from '../../models/types';
import type { ParamCounts } from '../types';
import type { LayerCount } from './methods';
import type { ParamTarget } from './targets';

export interface AdaptedModule {
  /** Full module name, as named_modules() yields it. */
  name: string;
  layer?: number;
  type: ModuleType;
  inFeatures: number;
  outFeatures: number;
  /** The PEFT type of the adapter layer (LORA, IA3, ...). */
  kind: string;
  /**
   * The rank the adapter layer was built with: rank_pattern applied (LoRA, LoHa, LoKr), AdaLoRA's
   * init_r, VeRA's shared r; 0 for tuners without a rank-wide intermediate (IA3, FourierFT, OFT, ...).
   */
  rank: number;
  /** IA3 scales this module's input (a feed-forward module) rather than its output. */
  feedforward: boolean;
  dora: boolean;
}

/** A raw parameter adapted through target_parameters (lora.ParamWrapper), e.g. fused MoE experts. */
export interface AdaptedParameter {
  /** `<module>.<parameter>` (`model.layers.0.mlp.experts.gate_up_proj`). */
  key: string;
  layer?: number;
  shape: number[];
  /** ParamWrapper's reading of the shape: experts × in × out for 3-D, out × in for 2-D (one expert). */
  experts: number;
  inFeatures: number;
  outFeatures: number;
  rank: number;
}

/** A modules_to_save copy: a trainable deep copy of the module, in the base weights' dtype. */
export interface SavedCopy {
  name: string;
  params: number;
  embedding: boolean;
  /** The copy is of the model's output embedding (lm_head). */
  outputEmbedding: boolean;
}

export interface AdapterSelection {
  /** The PEFT type counted (LORA, IA3, PREFIX_TUNING, ...), or FULL / FREEZE. */
  peftType: string;
  modules: AdaptedModule[];
  parameters: AdaptedParameter[];
  copies: SavedCopy[];
  /** Embedding modules whose chosen rows train (trainable tokens). */
  tokenModules: string[];
  /**
   * Prompt learning: virtual tokens per sequence and where they enter: prepended to the input
   * embeddings (prompt tuning, P-tuning), as extra keys/values of every layer (prefix tuning), or
   * into the attention of the top `layers` (LLaMA-Adapter, adapter_len tokens).
   */
  prompt?: { virtualTokens: number; placement: 'input' | 'prefix' | 'attention'; layers?: number[] };
  /** What the selection took from PEFT's or the tool's defaults rather than from the config. */
  assumed: string[];
}

/** A model with its counted parameters and what PEFT selected: what the memory estimate starts from. */
export interface CountedModel {
  architecture: Architecture;
  counts: ParamCounts;
  selection: AdapterSelection;
}

export function emptySelection(peftType: string): AdapterSelection {
  return { peftType, modules: [], parameters: [], copies: [], tokenModules: [], assumed: [] };
}

export function adaptedModule(m: ModuleInfo, kind: string, c: LayerCount): AdaptedModule {
  return {
    name: m.name,
    ...(m.layer !== undefined ? { layer: m.layer } : {}),
    type: m.type,
    inFeatures: m.inFeatures ?? 0,
    outFeatures: m.outFeatures ?? 0,
    kind,
    rank: c.rank ?? 0,
    feedforward: c.feedforward ?? false,
    dora: c.dora ?? false,
  };
}

export function adaptedParameter(p: ParamTarget, rank: number): AdaptedParameter {
  const shape = p.tensor.shape;
  const [experts, inFeatures, outFeatures] = shape.length === 3 ? shape : [1, shape[1] ?? 0, shape[0] ?? 0];
  return { key: p.key, ...(p.module.layer !== undefined ? { layer: p.module.layer } : {}), shape, experts, inFeatures, outFeatures, rank };
}

export function savedCopy(m: ModuleInfo, params: number, arch: Architecture): SavedCopy {
  return { name: m.name, params, embedding: m.type === 'Embedding', outputEmbedding: m.name === arch.outputEmbedding };
}
