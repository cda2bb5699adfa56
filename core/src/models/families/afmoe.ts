/**
 * AFMoE (`model_type: afmoe`, Arcee's Trinity), transformers 5.17 modeling_afmoe.py: Llama's q/k/v/o
 * plus per-head q_norm/k_norm and an output gate `self_attn.gate_proj` (hidden → heads · head_dim);
 * four RMSNorms per layer (input/post_attention, pre_mlp/post_mlp). The first `num_dense_layers`
 * layers have a gated `mlp`; the rest a sparse block: router `mlp.router.gate` (nn.Linear hidden →
 * experts), always-on `mlp.shared_experts` (width moe_intermediate_size · num_shared_experts), fused
 * `mlp.experts` (gate_up_proj [E, 2I, H], down_proj [E, H, I]) and `mlp.expert_bias` [E], an
 * nn.Parameter the class never trains (requires_grad=False); model.norm, an untied lm_head by default.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead, decoderDims, decoderNumbers } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const afmoeFamily: Family = {
  heads: ['causal-lm'],
  // AfmoeConfig's class defaults.
  defaults: {
    vocab_size: 200192, hidden_size: 2048, intermediate_size: 6144, moe_intermediate_size: 1408, num_hidden_layers: 32, num_dense_layers: 1, num_attention_heads: 16, head_dim: 128,
    num_experts: 64, num_experts_per_tok: 6, num_shared_experts: 2, max_position_embeddings: 16384, tie_word_embeddings: false,
  },
  build: buildAfmoe,
};

function gatedMlp(inv: Inventory, p: string, H: number, I: number): void {
  inv.container(p, 'AfmoeMLP');
  inv.linear(`${p}.gate_proj`, H, I, false);
  inv.linear(`${p}.up_proj`, H, I, false);
  inv.linear(`${p}.down_proj`, I, H, false);
}

function buildAfmoe(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head);
  const { H, L, nh, nkv, hd, V, tie } = dims;
  const I = cfg.num('intermediate_size');
  const moeI = cfg.num('moe_intermediate_size');
  const E = cfg.num('num_experts');
  const shared = cfg.num('num_shared_experts');
  const dense = cfg.num('num_dense_layers');
  const inv = new Inventory();
  inv.embedding('model.embed_tokens', V, H);
  for (let i = 0; i < L; i++) {
    const p = `model.layers.${i}`;
    inv.container(p, 'AfmoeDecoderLayer');
    inv.container(`${p}.self_attn`, 'AfmoeAttention');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, false);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, false);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, false);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, false);
    inv.norm(`${p}.self_attn.q_norm`, hd, 'RMSNorm');
    inv.norm(`${p}.self_attn.k_norm`, hd, 'RMSNorm');
    inv.linear(`${p}.self_attn.gate_proj`, H, nh * hd, false);
    if (i < dense) gatedMlp(inv, `${p}.mlp`, H, I);
    else {
      inv.params(`${p}.mlp`, 'AfmoeSparseMoeBlock', [{ name: 'expert_bias', shape: [E] }], 'Other');
      inv.container(`${p}.mlp.router`, 'AfmoeTokenChoiceRouter');
      inv.linear(`${p}.mlp.router.gate`, H, E, false);
      gatedMlp(inv, `${p}.mlp.shared_experts`, H, moeI * shared);
      inv.params(`${p}.mlp.experts`, 'AfmoeExperts', [
        { name: 'gate_up_proj', shape: [E, 2 * moeI, H] },
        { name: 'down_proj', shape: [E, H, moeI] },
      ]);
    }
    for (const n of ['input_layernorm', 'post_attention_layernorm', 'pre_mlp_layernorm', 'post_mlp_layernorm']) inv.norm(`${p}.${n}`, H, 'RMSNorm');
  }
  inv.norm('model.norm', H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: 'model.embed_tokens', lmBias: false });
  return {
    className: `Afmoe${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: 'model.embed_tokens',
    outputEmbedding,
    numbers: decoderNumbers(dims, cfg, I, { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: moeI, sharedIntermediateSize: moeI * shared } }),
  };
}
