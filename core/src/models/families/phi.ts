/**
 * Phi-1/1.5/2 (`model_type: phi`): separate biased q/k/v projections and `dense`, a plain fc1/fc2
 * MLP, one LayerNorm per block (attention and MLP run in parallel), `final_layernorm`, and an
 * untied lm_head with a bias.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const phiFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'token-cls', 'base'],
  defaults: { vocab_size: 51200, hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 24, num_attention_heads: 32, tie_word_embeddings: false, qk_layernorm: false, max_position_embeddings: 2048 },
  build: buildPhi,
};

function buildPhi(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = Math.floor(H / nh);
  const I = cfg.num('intermediate_size');
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', false);
  const qkNorm = cfg.bool('qk_layernorm', false);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'PhiDecoderLayer');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, true);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, true);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, true);
    inv.linear(`${p}.self_attn.dense`, nh * hd, H, true);
    if (qkNorm) {
      inv.norm(`${p}.self_attn.q_layernorm`, hd, 'LayerNorm');
      inv.norm(`${p}.self_attn.k_layernorm`, hd, 'LayerNorm');
    }
    inv.linear(`${p}.mlp.fc1`, H, I, true);
    inv.linear(`${p}.mlp.fc2`, I, H, true);
    inv.norm(`${p}.input_layernorm`, H, 'LayerNorm');
  }
  inv.norm(`${base}final_layernorm`, H, 'LayerNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_tokens`, lmBias: true });
  return {
    className: `Phi${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings') },
  };
}
