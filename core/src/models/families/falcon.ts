/**
 * Falcon (`model_type: falcon`): fused query_key_value sized for multi-query (one K/V head), the
 * new decoder architecture (num_kv_heads groups) or plain multi-head attention; parallel attention
 * with one or two LayerNorms, or sequential blocks with two; lm_head tied by default.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const falconFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 65024, hidden_size: 4544, num_hidden_layers: 32, num_attention_heads: 71, new_decoder_architecture: false, multi_query: true, parallel_attn: true, bias: false, tie_word_embeddings: true, max_position_embeddings: 2048 },
  build: buildFalcon,
};

function buildFalcon(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const hd = Math.floor(H / nh);
  const V = cfg.num('vocab_size');
  const F = cfg.optNum('ffn_hidden_size') ?? 4 * H;
  const newArch = cfg.bool('new_decoder_architecture', false);
  const nkv = newArch ? (cfg.optNum('num_kv_heads') ?? nh) : cfg.bool('multi_query', true) ? 1 : nh;
  const bias = cfg.bool('bias', false);
  const tie = cfg.bool('tie_word_embeddings', true);
  const parallel = cfg.bool('parallel_attn', true);
  const lnCount = cfg.optNum('num_ln_in_parallel_attn');
  const t = head === 'base' ? '' : 'transformer.';
  const inv = new Inventory();
  inv.embedding(`${t}word_embeddings`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${t}h.${i}`;
    inv.container(p, 'FalconDecoderLayer');
    inv.linear(`${p}.self_attention.query_key_value`, H, (nh + 2 * nkv) * hd, bias);
    inv.linear(`${p}.self_attention.dense`, H, H, bias);
    inv.linear(`${p}.mlp.dense_h_to_4h`, H, F, bias);
    inv.linear(`${p}.mlp.dense_4h_to_h`, F, H, bias);
    if (newArch && (lnCount === undefined || lnCount === 2)) {
      inv.norm(`${p}.ln_attn`, H, 'LayerNorm');
      inv.norm(`${p}.ln_mlp`, H, 'LayerNorm');
    } else {
      inv.norm(`${p}.input_layernorm`, H, 'LayerNorm');
      if (!newArch && !parallel) inv.norm(`${p}.post_attention_layernorm`, H, 'LayerNorm');
    }
  }
  inv.norm(`${t}ln_f`, H, 'LayerNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${t}word_embeddings`, lmBias: false });
  return {
    className: `Falcon${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${t}word_embeddings`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: F, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings') },
  };
}
