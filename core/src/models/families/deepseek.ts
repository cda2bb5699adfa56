/**
 * DeepSeek-style mixture-of-experts decoders (transformers 5.17): DeepSeek V2/V3 and GLM-4.7-Flash
 * (`glm4_moe_lite`) with multi-head latent attention (q_proj or q_a_proj → q_a_layernorm → q_b_proj;
 * kv_a_proj_with_mqa → kv_a_layernorm → kv_b_proj; o_proj), GLM-4.5 (`glm4_moe`) with GQA. The
 * first `first_k_dense_replace` layers have a dense gated MLP; the rest route to fused experts
 * (`mlp.experts.gate_up_proj` [E, 2I, H], `down_proj` [E, H, I]) beside always-on shared experts.
 * V2's router `mlp.gate` is an nn.Linear; V3/GLM's is a raw weight (its e_score_correction_bias is a
 * buffer, not a parameter). Checkpoints' multi-token-prediction layers are not loaded by these classes.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

interface MoeSpec {
  prefix: string;
  attention: 'mla' | 'gqa';
  router: 'linear' | 'weight';
  defaults: Record<string, unknown>;
}

const V3_DEFAULTS = {
  vocab_size: 129280, hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048, num_hidden_layers: 61, num_attention_heads: 128, num_key_value_heads: 128,
  n_shared_experts: 1, n_routed_experts: 256, num_experts_per_tok: 8, first_k_dense_replace: 3, q_lora_rank: 1536, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128,
  attention_bias: false, max_position_embeddings: 4096, tie_word_embeddings: false,
};

const SPECS: Record<string, MoeSpec> = {
  deepseek_v2: {
    prefix: 'DeepseekV2',
    attention: 'mla',
    router: 'linear',
    defaults: {
      vocab_size: 102400, hidden_size: 4096, intermediate_size: 11008, moe_intermediate_size: 1407, num_hidden_layers: 30, num_attention_heads: 32, num_key_value_heads: 32,
      n_shared_experts: 2, n_routed_experts: 64, first_k_dense_replace: 0, q_lora_rank: 1536, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128,
      attention_bias: false, max_position_embeddings: 2048, tie_word_embeddings: false,
    },
  },
  deepseek_v3: { prefix: 'DeepseekV3', attention: 'mla', router: 'weight', defaults: V3_DEFAULTS },
  glm4_moe_lite: {
    prefix: 'Glm4MoeLite',
    attention: 'mla',
    router: 'weight',
    defaults: { ...V3_DEFAULTS, vocab_size: 154880, hidden_size: 2048, intermediate_size: 10240, moe_intermediate_size: 1536, num_hidden_layers: 47, num_attention_heads: 20, num_key_value_heads: 20, n_routed_experts: 64, num_experts_per_tok: 4, first_k_dense_replace: 1, q_lora_rank: 768, qk_nope_head_dim: 192, v_head_dim: 256, max_position_embeddings: 202752 },
  },
  glm4_moe: {
    prefix: 'Glm4Moe',
    attention: 'gqa',
    router: 'weight',
    defaults: {
      vocab_size: 151552, hidden_size: 4096, intermediate_size: 10944, moe_intermediate_size: 1408, num_hidden_layers: 46, num_attention_heads: 96, num_key_value_heads: 8, head_dim: 128,
      n_shared_experts: 1, n_routed_experts: 128, num_experts_per_tok: 8, first_k_dense_replace: 1, attention_bias: false, use_qk_norm: false, max_position_embeddings: 131072, tie_word_embeddings: false,
    },
  },
};

export const MOE_DECODER_FAMILIES: Record<string, Family> = Object.fromEntries(
  Object.entries(SPECS).map(([t, spec]) => [t, { heads: ['causal-lm', 'seq-cls', 'base'], defaults: spec.defaults, build: (cfg: ConfigReader, head: ModelHead) => buildMoeDecoder(cfg, head, spec) }]),
);

interface AttnDims {
  nh: number;
  nkv: number;
  hd: number;
}

function addMla(inv: Inventory, cfg: ConfigReader, p: string, H: number, nh: number): AttnDims {
  // An explicit null (V2-Lite) means a plain q_proj; only a missing key takes the class default.
  const qLora = cfg.raw.q_lora_rank === null ? undefined : cfg.optNum('q_lora_rank');
  const kvLora = cfg.num('kv_lora_rank');
  const nope = cfg.num('qk_nope_head_dim');
  const rope = cfg.num('qk_rope_head_dim');
  const vHead = cfg.num('v_head_dim');
  const bias = cfg.bool('attention_bias', false);
  if (qLora === undefined) inv.linear(`${p}.q_proj`, H, nh * (nope + rope), false);
  else {
    inv.linear(`${p}.q_a_proj`, H, qLora, bias);
    inv.norm(`${p}.q_a_layernorm`, qLora, 'RMSNorm');
    inv.linear(`${p}.q_b_proj`, qLora, nh * (nope + rope), false);
  }
  inv.linear(`${p}.kv_a_proj_with_mqa`, H, kvLora + rope, bias);
  inv.norm(`${p}.kv_a_layernorm`, kvLora, 'RMSNorm');
  inv.linear(`${p}.kv_b_proj`, kvLora, nh * (nope + vHead), false);
  inv.linear(`${p}.o_proj`, nh * vHead, H, bias);
  // Every head gets its own keys and values once kv_b_proj expands the latent.
  return { nh, nkv: nh, hd: nope + rope };
}

function addGqa(inv: Inventory, cfg: ConfigReader, p: string, H: number, nh: number): AttnDims {
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = cfg.optNum('head_dim') ?? Math.floor(H / nh);
  const bias = cfg.bool('attention_bias', false);
  inv.linear(`${p}.q_proj`, H, nh * hd, bias);
  inv.linear(`${p}.k_proj`, H, nkv * hd, bias);
  inv.linear(`${p}.v_proj`, H, nkv * hd, bias);
  inv.linear(`${p}.o_proj`, nh * hd, H, false);
  if (cfg.bool('use_qk_norm', false)) {
    inv.norm(`${p}.q_norm`, hd, 'RMSNorm');
    inv.norm(`${p}.k_norm`, hd, 'RMSNorm');
  }
  return { nh, nkv, hd };
}

function addGatedMlp(inv: Inventory, p: string, H: number, I: number, className: string): void {
  inv.container(p, className);
  inv.linear(`${p}.gate_proj`, H, I, false);
  inv.linear(`${p}.up_proj`, H, I, false);
  inv.linear(`${p}.down_proj`, I, H, false);
}

function buildMoeDecoder(cfg: ConfigReader, head: ModelHead, s: MoeSpec): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const I = cfg.num('intermediate_size');
  const moeI = cfg.num('moe_intermediate_size');
  const E = cfg.num('n_routed_experts');
  const shared = cfg.optNum('n_shared_experts');
  const dense = cfg.num('first_k_dense_replace', 0);
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', false);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  let attn: AttnDims = { nh, nkv: nh, hd: 0 };
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, `${s.prefix}DecoderLayer`);
    inv.container(`${p}.self_attn`, `${s.prefix}Attention`);
    attn = s.attention === 'mla' ? addMla(inv, cfg, `${p}.self_attn`, H, nh) : addGqa(inv, cfg, `${p}.self_attn`, H, nh);
    if (i < dense) addGatedMlp(inv, `${p}.mlp`, H, I, `${s.prefix}MLP`);
    else {
      inv.container(`${p}.mlp`, `${s.prefix}MoE`);
      if (s.router === 'linear') inv.linear(`${p}.mlp.gate`, H, E, false);
      else inv.params(`${p}.mlp.gate`, `${s.prefix}TopkRouter`, [{ name: 'weight', shape: [E, H] }]);
      inv.params(`${p}.mlp.experts`, `${s.prefix}Experts`, [
        { name: 'gate_up_proj', shape: [E, 2 * moeI, H] },
        { name: 'down_proj', shape: [E, H, moeI] },
      ]);
      if (shared) addGatedMlp(inv, `${p}.mlp.shared_experts`, H, moeI * shared, `${s.prefix}MLP`);
    }
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  inv.norm(`${base}norm`, H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_tokens`, lmBias: false });
  return {
    className: `${s.prefix}${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: {
      hiddenSize: H, numLayers: L, numHeads: attn.nh, numKvHeads: attn.nkv, headDim: attn.hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings'),
      experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: moeI, ...(shared ? { sharedIntermediateSize: moeI * shared } : {}) },
    },
  };
}
