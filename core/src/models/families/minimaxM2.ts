/**
 * MiniMax-M2 (`model_type: minimax_m2`): Mixtral's layer (input/post-attention RMSNorms, a sparse
 * block of router weight `mlp.gate` and fused experts) with bias-free q/k/v/o and q/k RMSNorms over
 * all heads (FlexOlmo's attention). The router's e_score_correction_bias is a buffer, not a parameter
 * (transformers 5.17 modular_minimax_m2.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { decoderDims, decoderNumbers, finishRmsDecoder } from './heads';
import type { Family, FamilyBuild } from './types';

export const minimaxM2Family: Family = {
  heads: ['causal-lm', 'base'],
  defaults: { vocab_size: 200064, hidden_size: 3072, intermediate_size: 1536, num_hidden_layers: 62, num_attention_heads: 48, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 196608, num_experts_per_tok: 8, num_local_experts: 256, tie_word_embeddings: false },
  build: buildMinimaxM2,
};

function buildMinimaxM2(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head);
  const { H, L, nh, nkv, hd, V, base } = dims;
  const I = cfg.num('intermediate_size');
  const E = cfg.num(['num_local_experts', 'num_experts']);
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'MiniMaxM2DecoderLayer');
    inv.container(`${p}.self_attn`, 'MiniMaxM2Attention');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, false);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, false);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, false);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, false);
    inv.norm(`${p}.self_attn.q_norm`, nh * hd, 'RMSNorm');
    inv.norm(`${p}.self_attn.k_norm`, nkv * hd, 'RMSNorm');
    inv.container(`${p}.mlp`, 'MiniMaxM2SparseMoeBlock');
    inv.params(`${p}.mlp.gate`, 'MiniMaxM2TopKRouter', [{ name: 'weight', shape: [E, H] }]);
    inv.params(`${p}.mlp.experts`, 'MiniMaxM2Experts', [{ name: 'gate_up_proj', shape: [E, 2 * I, H] }, { name: 'down_proj', shape: [E, H, I] }]);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'MiniMaxM2',
    base,
    finalNorm: 'norm',
    numbers: decoderNumbers(dims, cfg, I, { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: I } }),
  });
}
