/**
 * The dense decoders built by decoder.ts, one spec per model_type, read against transformers
 * 5.17's modeling_*.py (names, biases, norms) and configuration_*.py (class defaults).
 */
import type { ConfigReader } from '../configReader';
import type { DecoderSpec } from './decoder';
import { decoderFamily } from './decoder';
import type { Family } from './types';

const PRE_NORMS = () => ['input_layernorm', 'post_attention_layernorm'];
const configBias = (cfg: ConfigReader) => ({ qkv: cfg.bool('attention_bias', false), o: cfg.bool('attention_bias', false) });
const noMlpBias = () => false;
const configMlpBias = (cfg: ConfigReader) => cfg.bool('mlp_bias', false);

const SPECS: Record<string, DecoderSpec> = {
  // Biased q/k/v/o and c_fc/c_proj (use_bias), LayerNorms with bias, lm_head tied by default.
  starcoder2: {
    prefix: 'Starcoder2',
    defaults: { vocab_size: 49152, hidden_size: 3072, intermediate_size: 12288, num_hidden_layers: 30, num_attention_heads: 24, num_key_value_heads: 2, max_position_embeddings: 4096, use_bias: true, tie_word_embeddings: true },
    norm: 'LayerNorm',
    layerNorms: PRE_NORMS,
    attnBias: (cfg) => ({ qkv: cfg.bool('use_bias', true), o: cfg.bool('use_bias', true) }),
    mlp: ['c_fc', 'c_proj'],
    mlpBias: (cfg) => cfg.bool('use_bias', true),
    tieDefault: true,
  },
  // q/k/v biased by use_qkv_bias, o_proj never; LayerNorms with bias; a parallel-residual block has no
  // post_attention_layernorm. qk_layernorm's per-head LayerNorms (no bias) count as one width-all norm.
  stablelm: {
    prefix: 'StableLm',
    defaults: { vocab_size: 50304, hidden_size: 2560, intermediate_size: 6912, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, max_position_embeddings: 4096, use_qkv_bias: false, qk_layernorm: false, use_parallel_residual: false, tie_word_embeddings: false },
    norm: 'LayerNorm',
    layerNorms: (cfg) => (cfg.bool('use_parallel_residual', false) ? ['input_layernorm'] : PRE_NORMS()),
    attnBias: (cfg) => ({ qkv: cfg.bool('use_qkv_bias', false), o: false }),
    qkNorm: (cfg) => (cfg.bool('qk_layernorm', false) ? { names: ['q_layernorm', 'k_layernorm'], width: 'all', kind: 'LayerNormNoBias' } : undefined),
    mlp: 'gated',
    mlpBias: noMlpBias,
    tieDefault: false,
  },
  // Command R: one bias-free LayerNorm per block (attention and MLP in parallel), optional q/k norms over all heads.
  cohere: {
    prefix: 'Cohere',
    heads: ['causal-lm', 'base'],
    defaults: { vocab_size: 256000, hidden_size: 8192, intermediate_size: 22528, num_hidden_layers: 40, num_attention_heads: 64, max_position_embeddings: 8192, use_qk_norm: false, attention_bias: false, tie_word_embeddings: true },
    norm: 'LayerNormNoBias',
    layerNorms: () => ['input_layernorm'],
    attnBias: configBias,
    qkNorm: (cfg) => (cfg.bool('use_qk_norm', false) ? { names: ['q_norm', 'k_norm'], width: 'all', kind: 'LayerNormNoBias' } : undefined),
    mlp: 'gated',
    mlpBias: noMlpBias,
    tieDefault: true,
  },
  // Command R7B / A: Cohere's block with sliding-window layers (no parameters of their own).
  cohere2: {
    prefix: 'Cohere2',
    heads: ['causal-lm', 'base'],
    defaults: { vocab_size: 256000, hidden_size: 8192, intermediate_size: 22528, num_hidden_layers: 40, num_attention_heads: 64, max_position_embeddings: 8192, attention_bias: false, tie_word_embeddings: true },
    norm: 'LayerNormNoBias',
    layerNorms: () => ['input_layernorm'],
    attnBias: configBias,
    mlp: 'gated',
    mlpBias: noMlpBias,
    tieDefault: true,
  },
  // Llama's shapes; some layers skip RoPE (no_rope_layers), which owns no parameters.
  smollm3: {
    prefix: 'SmolLM3',
    defaults: { vocab_size: 128256, hidden_size: 2048, intermediate_size: 11008, num_hidden_layers: 36, num_attention_heads: 16, num_key_value_heads: 4, max_position_embeddings: 32768, attention_bias: false, mlp_bias: false, tie_word_embeddings: true },
    norm: 'RMSNorm',
    layerNorms: PRE_NORMS,
    attnBias: configBias,
    mlp: 'gated',
    mlpBias: configMlpBias,
    tieDefault: true,
  },
  // Post-norms only (no input_layernorm), q/k RMSNorms over all heads.
  olmo2: olmoSpec('Olmo2'),
  olmo3: olmoSpec('Olmo3'),
  // q/k/v biased by attention_bias, o_proj by attention_out_bias.
  seed_oss: {
    prefix: 'SeedOss',
    defaults: { vocab_size: 155136, hidden_size: 4096, intermediate_size: 27648, num_hidden_layers: 64, num_attention_heads: 80, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 524288, attention_bias: true, attention_out_bias: false, mlp_bias: false, tie_word_embeddings: false },
    heads: ['causal-lm', 'seq-cls', 'token-cls', 'question-answering', 'base'],
    norm: 'RMSNorm',
    layerNorms: PRE_NORMS,
    attnBias: (cfg) => ({ qkv: cfg.bool('attention_bias', true), o: cfg.bool('attention_out_bias', false) }),
    mlp: 'gated',
    mlpBias: configMlpBias,
    tieDefault: false,
  },
  // Per-head q/k RMSNorms named query_layernorm/key_layernorm; the MLP never has biases.
  hunyuan_v1_dense: {
    prefix: 'HunYuanDenseV1',
    defaults: { vocab_size: 290943, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048, attention_bias: false, tie_word_embeddings: false },
    heads: ['causal-lm', 'seq-cls', 'base'],
    norm: 'RMSNorm',
    layerNorms: PRE_NORMS,
    attnBias: configBias,
    qkNorm: () => ({ names: ['query_layernorm', 'key_layernorm'], width: 'head', kind: 'RMSNorm' }),
    mlp: 'gated',
    mlpBias: noMlpBias,
    tieDefault: false,
  },
  // GLM-4-0414: biased q/k/v (attention_bias), fused gate_up_proj, two more norms after each sublayer.
  glm4: {
    prefix: 'Glm4',
    defaults: { vocab_size: 151552, hidden_size: 4096, intermediate_size: 13696, num_hidden_layers: 40, num_attention_heads: 32, num_key_value_heads: 2, head_dim: 128, max_position_embeddings: 131072, attention_bias: true, tie_word_embeddings: false },
    norm: 'RMSNorm',
    layerNorms: () => ['input_layernorm', 'post_self_attn_layernorm', 'post_attention_layernorm', 'post_mlp_layernorm'],
    attnBias: (cfg) => ({ qkv: cfg.bool('attention_bias', true), o: false }),
    mlp: 'fused',
    mlpBias: noMlpBias,
    tieDefault: false,
  },
  // GLM-4 (glm-4-9b-chat-hf): the same attention and MLP with Llama's two norms.
  glm: {
    prefix: 'Glm',
    defaults: { vocab_size: 151552, hidden_size: 4096, intermediate_size: 13696, num_hidden_layers: 40, num_attention_heads: 32, num_key_value_heads: 2, head_dim: 128, max_position_embeddings: 131072, attention_bias: true, tie_word_embeddings: false },
    norm: 'RMSNorm',
    layerNorms: PRE_NORMS,
    attnBias: (cfg) => ({ qkv: cfg.bool('attention_bias', true), o: false }),
    mlp: 'fused',
    mlpBias: noMlpBias,
    tieDefault: false,
  },
  // Nemotron (Minitron, Nemotron-Mini): LayerNorm1P (with bias), a squared-ReLU up/down MLP.
  nemotron: {
    prefix: 'Nemotron',
    defaults: { vocab_size: 256000, hidden_size: 6144, intermediate_size: 24576, num_hidden_layers: 32, num_attention_heads: 48, max_position_embeddings: 4096, attention_bias: false, mlp_bias: false, tie_word_embeddings: false },
    heads: ['causal-lm', 'seq-cls', 'token-cls', 'question-answering', 'base'],
    norm: 'LayerNorm',
    layerNorms: PRE_NORMS,
    attnBias: configBias,
    mlp: ['up_proj', 'down_proj'],
    mlpBias: configMlpBias,
    tieDefault: false,
  },
  // Apertus: xIELU up/down MLP whose activation owns alpha_p and alpha_n, per-head q/k RMSNorms,
  // attention_layernorm/feedforward_layernorm in place of Llama's norms; no sequence-classification class.
  apertus: {
    prefix: 'Apertus',
    defaults: { vocab_size: 131072, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 65536, attention_bias: false, tie_word_embeddings: false },
    heads: ['causal-lm', 'token-cls', 'base'],
    norm: 'RMSNorm',
    layerNorms: () => ['attention_layernorm', 'feedforward_layernorm'],
    attnBias: configBias,
    qkNorm: () => ({ names: ['q_norm', 'k_norm'], width: 'head', kind: 'RMSNorm' }),
    mlp: ['up_proj', 'down_proj'],
    mlpBias: noMlpBias,
    activationParams: { module: 'act_fn', className: 'XIELUActivation', tensors: ['alpha_p', 'alpha_n'] },
    tieDefault: false,
  },
  // AFM (Arcee): Llama with a squared-ReLU up/down MLP.
  arcee: {
    prefix: 'Arcee',
    defaults: { vocab_size: 32000, hidden_size: 2560, intermediate_size: 18432, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 4096, attention_bias: false, mlp_bias: false, tie_word_embeddings: false },
    heads: ['causal-lm', 'seq-cls', 'token-cls', 'question-answering', 'base'],
    norm: 'RMSNorm',
    layerNorms: PRE_NORMS,
    attnBias: configBias,
    mlp: ['up_proj', 'down_proj'],
    mlpBias: configMlpBias,
    tieDefault: false,
  },
};

function olmoSpec(prefix: string): DecoderSpec {
  return {
    prefix,
    heads: ['causal-lm', 'base'],
    defaults: { vocab_size: 50304, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048, attention_bias: false, tie_word_embeddings: false },
    norm: 'RMSNorm',
    layerNorms: () => ['post_attention_layernorm', 'post_feedforward_layernorm'],
    attnBias: configBias,
    qkNorm: () => ({ names: ['q_norm', 'k_norm'], width: 'all', kind: 'RMSNorm' }),
    mlp: 'gated',
    mlpBias: noMlpBias,
    tieDefault: false,
  };
}

export const DENSE_FAMILIES: Record<string, Family> = Object.fromEntries(Object.entries(SPECS).map(([t, spec]) => [t, decoderFamily(spec)]));
