/**
 * Llama-style decoders (transformers 5 layout): embed_tokens, layers.N.{self_attn, mlp,
 * *_layernorm}, norm, lm_head. One builder with per-model_type traits covers llama, mistral,
 * qwen2/3, gemma 1/2/3 (text), phi3 (fused projections) and the mixture-of-experts variants, whose
 * experts transformers 5 stores as fused 3-D parameters (`mlp.experts.gate_up_proj`).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export type Moe = 'mixtral' | 'qwen2_moe' | 'qwen3_moe';

interface Traits {
  prefix: string;
  /** 'config': attention_bias on q/k/v/o; 'qkv': q/k/v always biased (qwen2); 'none'. */
  attnBias: 'config' | 'qkv' | 'none';
  qkNorm?: boolean;
  /** Gemma 2/3: pre/post feed-forward norms besides the two usual ones. */
  sandwichNorms?: boolean;
  /** Phi-3: fused qkv_proj and gate_up_proj. */
  fused?: boolean;
  mlpBias?: boolean;
  moe?: Moe;
  defaults: Record<string, unknown>;
}

const LLAMA_DEFAULTS = { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, tie_word_embeddings: false, attention_bias: false, mlp_bias: false, max_position_embeddings: 2048 };
const QWEN_DEFAULTS = { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, tie_word_embeddings: false, attention_bias: false, max_position_embeddings: 32768 };
const GEMMA_DEFAULTS = { vocab_size: 256000, hidden_size: 3072, intermediate_size: 24576, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 16, head_dim: 256, tie_word_embeddings: true, attention_bias: false, max_position_embeddings: 8192 };

const TRAITS: Record<string, Traits> = {
  llama: { prefix: 'Llama', attnBias: 'config', mlpBias: true, defaults: LLAMA_DEFAULTS },
  granite: { prefix: 'Granite', attnBias: 'config', mlpBias: true, defaults: LLAMA_DEFAULTS },
  mistral: { prefix: 'Mistral', attnBias: 'none', defaults: { ...LLAMA_DEFAULTS, intermediate_size: 14336, num_key_value_heads: 8, max_position_embeddings: 131072 } },
  mixtral: { prefix: 'Mixtral', attnBias: 'none', moe: 'mixtral', defaults: { ...LLAMA_DEFAULTS, intermediate_size: 14336, num_key_value_heads: 8, num_local_experts: 8, num_experts_per_tok: 2 } },
  qwen2: { prefix: 'Qwen2', attnBias: 'qkv', defaults: QWEN_DEFAULTS },
  qwen3: { prefix: 'Qwen3', attnBias: 'config', qkNorm: true, defaults: { ...QWEN_DEFAULTS, head_dim: 128 } },
  qwen2_moe: {
    prefix: 'Qwen2Moe',
    attnBias: 'qkv',
    moe: 'qwen2_moe',
    defaults: { ...QWEN_DEFAULTS, hidden_size: 2048, intermediate_size: 5632, num_hidden_layers: 24, num_attention_heads: 16, num_key_value_heads: 16, num_experts: 60, num_experts_per_tok: 4, moe_intermediate_size: 1408, shared_expert_intermediate_size: 5632, decoder_sparse_step: 1 },
  },
  qwen3_moe: {
    prefix: 'Qwen3Moe',
    attnBias: 'config',
    qkNorm: true,
    moe: 'qwen3_moe',
    defaults: { ...QWEN_DEFAULTS, hidden_size: 2048, intermediate_size: 6144, num_hidden_layers: 24, num_attention_heads: 32, num_key_value_heads: 4, head_dim: 128, num_experts: 128, num_experts_per_tok: 8, moe_intermediate_size: 768, decoder_sparse_step: 1 },
  },
  gemma: { prefix: 'Gemma', attnBias: 'config', defaults: GEMMA_DEFAULTS },
  gemma2: { prefix: 'Gemma2', attnBias: 'config', sandwichNorms: true, defaults: { ...GEMMA_DEFAULTS, hidden_size: 2304, intermediate_size: 9216, num_hidden_layers: 26, num_attention_heads: 8, num_key_value_heads: 4 } },
  gemma3_text: {
    prefix: 'Gemma3',
    attnBias: 'config',
    sandwichNorms: true,
    qkNorm: true,
    defaults: { ...GEMMA_DEFAULTS, vocab_size: 262208, hidden_size: 2304, intermediate_size: 9216, num_hidden_layers: 26, num_attention_heads: 8, num_key_value_heads: 4, max_position_embeddings: 131072 },
  },
  phi3: { prefix: 'Phi3', attnBias: 'none', fused: true, defaults: { vocab_size: 32064, hidden_size: 3072, intermediate_size: 8192, num_hidden_layers: 32, num_attention_heads: 32, tie_word_embeddings: false, max_position_embeddings: 4096 } },
};

export const LLAMA_LIKE_TYPES = Object.keys(TRAITS);

export function llamaLikeFamily(modelType: string): Family {
  const traits = TRAITS[modelType];
  return {
    heads: ['causal-lm', 'seq-cls', 'token-cls', 'base'],
    defaults: traits.defaults,
    build: (cfg, head) => buildLlamaLike(cfg, head, traits),
  };
}

export interface Dims {
  H: number;
  L: number;
  nh: number;
  nkv: number;
  hd: number;
  I: number;
  V: number;
}

function readDims(cfg: ConfigReader): Dims {
  const H = cfg.num('hidden_size');
  const nh = cfg.num('num_attention_heads');
  return {
    H,
    L: cfg.num('num_hidden_layers'),
    nh,
    nkv: cfg.optNum('num_key_value_heads') ?? nh,
    hd: cfg.optNum('head_dim') ?? Math.floor(H / nh),
    I: cfg.num('intermediate_size'),
    V: cfg.num('vocab_size'),
  };
}

function buildLlamaLike(cfg: ConfigReader, head: ModelHead, t: Traits): FamilyBuild {
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  const d = addBackbone(inv, cfg, t, base);
  const tie = cfg.bool('tie_word_embeddings', false);
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: d.H, vocab: d.V, tie, embed: `${base}embed_tokens`, lmBias: false });
  return {
    className: `${t.prefix}${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: { ...dimsToNumbers(d, cfg), tieWordEmbeddings: tie, experts: expertNumbers(cfg, t.moe) },
  };
}

/** embed_tokens, the decoder layers and the final norm under `base` (`model.`, `model.language_model.`). */
export function llamaBackbone(inv: Inventory, cfg: ConfigReader, modelType: string, base: string): Dims {
  return addBackbone(inv, cfg, TRAITS[modelType], base);
}

export function dimsToNumbers(d: Dims, cfg: ConfigReader) {
  return { hiddenSize: d.H, numLayers: d.L, numHeads: d.nh, numKvHeads: d.nkv, headDim: d.hd, intermediateSize: d.I, vocabSize: d.V, maxPositions: cfg.optNum('max_position_embeddings') };
}

function addBackbone(inv: Inventory, cfg: ConfigReader, t: Traits, base: string): Dims {
  const d = readDims(cfg);
  inv.embedding(`${base}embed_tokens`, d.V, d.H);
  for (let i = 0; i < d.L; i++) addLayer(inv, cfg, t, d, `${base}layers.${i}`, i);
  inv.norm(`${base}norm`, d.H, 'RMSNorm');
  return d;
}

function addLayer(inv: Inventory, cfg: ConfigReader, t: Traits, d: Dims, p: string, i: number): void {
  inv.container(p, `${t.prefix}DecoderLayer`);
  inv.container(`${p}.self_attn`, `${t.prefix}Attention`);
  const cfgBias = t.attnBias === 'config' && cfg.bool('attention_bias', false);
  const qkvBias = t.attnBias === 'qkv' || cfgBias;
  if (t.fused) {
    inv.linear(`${p}.self_attn.qkv_proj`, d.H, (d.nh + 2 * d.nkv) * d.hd, false);
  } else {
    inv.linear(`${p}.self_attn.q_proj`, d.H, d.nh * d.hd, qkvBias);
    inv.linear(`${p}.self_attn.k_proj`, d.H, d.nkv * d.hd, qkvBias);
    inv.linear(`${p}.self_attn.v_proj`, d.H, d.nkv * d.hd, qkvBias);
  }
  inv.linear(`${p}.self_attn.o_proj`, d.nh * d.hd, d.H, cfgBias);
  if (t.qkNorm) {
    inv.norm(`${p}.self_attn.q_norm`, d.hd, 'RMSNorm');
    inv.norm(`${p}.self_attn.k_norm`, d.hd, 'RMSNorm');
  }
  addMlp(inv, cfg, t, d, `${p}.mlp`, i);
  inv.norm(`${p}.input_layernorm`, d.H, 'RMSNorm');
  inv.norm(`${p}.post_attention_layernorm`, d.H, 'RMSNorm');
  if (t.sandwichNorms) {
    inv.norm(`${p}.pre_feedforward_layernorm`, d.H, 'RMSNorm');
    inv.norm(`${p}.post_feedforward_layernorm`, d.H, 'RMSNorm');
  }
}

function addMlp(inv: Inventory, cfg: ConfigReader, t: Traits, d: Dims, p: string, i: number): void {
  if (t.moe && isSparseLayer(cfg, t.moe, i)) {
    addMoe(inv, cfg, t, d, p);
    return;
  }
  inv.container(p, `${t.prefix}MLP`);
  const bias = !!t.mlpBias && cfg.bool('mlp_bias', false);
  if (t.fused) inv.linear(`${p}.gate_up_proj`, d.H, 2 * d.I, false);
  else {
    inv.linear(`${p}.gate_proj`, d.H, d.I, bias);
    inv.linear(`${p}.up_proj`, d.H, d.I, bias);
  }
  inv.linear(`${p}.down_proj`, d.I, d.H, bias);
}

/** Qwen MoE configs interleave dense layers (mlp_only_layers, decoder_sparse_step); Mixtral is all sparse. */
function isSparseLayer(cfg: ConfigReader, moe: Moe, i: number): boolean {
  if (moe === 'mixtral') return true;
  const experts = cfg.num('num_experts');
  const step = cfg.num('decoder_sparse_step', 1);
  const denseOnly = cfg.list('mlp_only_layers');
  return !denseOnly.includes(i) && experts > 0 && (i + 1) % step === 0;
}

function addMoe(inv: Inventory, cfg: ConfigReader, t: Traits, d: Dims, p: string): void {
  const E = cfg.num(t.moe === 'mixtral' ? 'num_local_experts' : 'num_experts');
  const I = t.moe === 'mixtral' ? d.I : cfg.num('moe_intermediate_size');
  inv.container(p, `${t.prefix}SparseMoeBlock`);
  inv.params(`${p}.gate`, `${t.prefix}TopKRouter`, [{ name: 'weight', shape: [E, d.H] }]);
  inv.params(`${p}.experts`, `${t.prefix}Experts`, [
    { name: 'gate_up_proj', shape: [E, 2 * I, d.H] },
    { name: 'down_proj', shape: [E, d.H, I] },
  ]);
  if (t.moe !== 'qwen2_moe') return;
  const sI = cfg.num('shared_expert_intermediate_size', 0);
  if (!sI) return;
  inv.container(`${p}.shared_expert`, `${t.prefix}MLP`);
  inv.linear(`${p}.shared_expert.gate_proj`, d.H, sI, false);
  inv.linear(`${p}.shared_expert.up_proj`, d.H, sI, false);
  inv.linear(`${p}.shared_expert.down_proj`, sI, d.H, false);
  inv.linear(`${p}.shared_expert_gate`, d.H, 1, false);
}

/** The mixture-of-experts numbers of a config (undefined for dense models). */
export function expertNumbers(cfg: ConfigReader, moe: Moe | undefined) {
  if (!moe) return undefined;
  if (moe === 'mixtral') return { count: cfg.num('num_local_experts'), perToken: cfg.num('num_experts_per_tok'), intermediateSize: cfg.num('intermediate_size') };
  const shared = moe === 'qwen2_moe' ? cfg.optNum('shared_expert_intermediate_size') : undefined;
  return { count: cfg.num('num_experts'), perToken: cfg.num('num_experts_per_tok'), intermediateSize: cfg.num('moe_intermediate_size'), ...(shared ? { sharedIntermediateSize: shared } : {}) };
}
