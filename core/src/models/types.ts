/**
 * The shape of a base model as PEFT sees it: the numbers of its config.json and the inventory of
 * named modules that target selection and parameter counting walk.
 */

export type ModuleType = 'Linear' | 'Conv1D' | 'Embedding' | 'LayerNorm' | 'RMSNorm' | 'Conv2d' | 'Parameter' | 'Other';

export interface ModuleInfo {
  /** Full dotted name, exactly as `model.named_modules()` yields it (`model.layers.0.self_attn.q_proj`). */
  name: string;
  type: ModuleType;
  /** Linear/Conv1D: input and output features; Embedding: rows (in) and width (out); norms: width (out). */
  inFeatures?: number;
  outFeatures?: number;
  bias: boolean;
  /** Parameters this module owns directly (weight + bias); 0 for one whose weight is tied to another. */
  params: number;
  /** Index in the repeated block list when the module sits inside one. */
  layer?: number;
  /** The module whose weight this one shares (a tied `lm_head`). */
  tiedTo?: string;
}

export type ModelSource = 'local' | 'catalog' | 'hub';

export interface Architecture {
  /** Hub id, or the path it was read from. */
  id: string;
  source: ModelSource;
  /** `model_type` of the config (llama, qwen2, gpt2, t5, ...). */
  modelType: string;
  /** The transformers class (`LlamaForCausalLM`), from `architectures[0]`. */
  className: string;
  /** The config.json numbers it was built from. */
  config: Record<string, unknown>;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  intermediateSize: number;
  vocabSize: number;
  tieWordEmbeddings: boolean;
  maxPositions?: number;
  experts?: { count: number; perToken: number; intermediateSize: number; sharedIntermediateSize?: number };
  modules: ModuleInfo[];
  totalParams: number;
}

/** The outcome of resolving a model reference; `tried` lists the sources consulted, for messages. */
export interface ModelResolution {
  architecture?: Architecture;
  tried: string[];
  /** Why it failed, in a sentence (not found locally, offline, look-ups disabled, ...). */
  reason?: string;
}

export interface ModelResolver {
  /** `ref` as written in the config; `fromPath` is the config file, for relative paths. */
  resolve(ref: string, fromPath: string): Promise<ModelResolution>;
}
