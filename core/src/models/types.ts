/**
 * The shape of a base model as PEFT sees it: the numbers of its config.json and the inventory of
 * named modules that target selection and parameter counting walk.
 */

export type ModuleType = 'Linear' | 'Conv1D' | 'Embedding' | 'LayerNorm' | 'RMSNorm' | 'Conv2d' | 'Conv3d' | 'Parameter' | 'Other';

/** A parameter a module owns directly (`named_parameters(recurse=False)`), e.g. `weight` [out, in]. */
export interface TensorInfo {
  name: string;
  shape: number[];
}

export interface ModuleInfo {
  /** Full dotted name, exactly as `model.named_modules()` yields it (`model.layers.0.self_attn.q_proj`). */
  name: string;
  type: ModuleType;
  /** The transformers class, for messages (`LlamaMLP`, `MixtralExperts`); containers carry it when known. */
  className?: string;
  /** Linear/Conv1D: input and output features; Embedding: rows (in) and width (out); norms: width (out). */
  inFeatures?: number;
  outFeatures?: number;
  bias: boolean;
  /** Parameters this module owns directly (weight + bias); 0 for one whose weight is tied to another. */
  params: number;
  /** The parameters behind `params` (empty for containers and tied modules); derived from type and shape when absent. */
  tensors?: TensorInfo[];
  /** Index in the repeated block list when the module sits inside one. */
  layer?: number;
  /** The module whose weight this one shares (a tied `lm_head`). */
  tiedTo?: string;
}

/** Where a model's numbers came from: a local config.json, the bundled catalog, the user's catalog folder, the Hub. */
export type ModelSource = 'local' | 'catalog' | 'user-catalog' | 'hub';

/** Which transformers head class the inventory was built for (what `task_type` makes PEFT expect). */
export type ModelHead = 'causal-lm' | 'seq2seq-lm' | 'base' | 'seq-cls' | 'token-cls' | 'question-answering';

export interface Architecture {
  /** Hub id, or the path it was read from. */
  id: string;
  source: ModelSource;
  /** The file the numbers were read from (a local config.json or a user catalog file). */
  file?: string;
  /** `model_type` of the config (llama, qwen2, gpt2, t5, ...). */
  modelType: string;
  /** The transformers class the inventory stands for (`LlamaForCausalLM`, `BertModel`, ...). */
  className: string;
  /** Absent on hand-built architectures: the model_type's usual class. */
  head?: ModelHead;
  /** The config.json numbers it was built from (for multimodal Gemma 3, the whole file). */
  config: Record<string, unknown>;
  hiddenSize: number;
  numLayers: number;
  /** Encoder-decoder models: decoder blocks (numLayers counts the encoder). */
  numDecoderLayers?: number;
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
  /** Name of the input embedding module, and of the output embedding (absent for heads without one). */
  inputEmbedding?: string;
  outputEmbedding?: string;
  /** Config keys (and defaults that were assumed) the inventory was derived from, for hover. */
  computedFrom?: string[];
  /** What the estimate should say about this architecture (layer kinds PEFT cannot adapt, approximations). */
  notes?: string[];
}

/** A finding while resolving a model, reported by check (at the model reference) and by estimate. */
export interface ModelNotice {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

/** The outcome of resolving a model reference; `tried` lists the sources consulted, for messages. */
export interface ModelResolution {
  architecture?: Architecture;
  tried: string[];
  /** Why it failed, in a sentence (not found locally, offline, look-ups disabled, ...). */
  reason?: string;
  /** The canonical id when it resolved through the catalog or the hub (`Qwen/Qwen2.5-7B`). */
  canonicalId?: string;
  notices?: ModelNotice[];
}

export interface ModelResolver {
  /** `ref` as written in the config; `fromPath` is the config file, for relative paths. */
  resolve(ref: string, fromPath: string): Promise<ModelResolution>;
}
