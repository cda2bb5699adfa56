/**
 * DeBERTa-v2/v3 (`model_type: deberta-v2`): disentangled attention (query_proj/key_proj/value_proj,
 * separate position projections unless share_att_key), relative position embeddings in the encoder,
 * an optional embedding projection, and for sequence classification a ContextPooler + classifier.
 */
import type { ConfigReader } from '../configReader';
import { numLabels } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addEncoderHead } from './bert';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const debertaV2Family: Family = {
  heads: ['base', 'seq-cls', 'token-cls', 'question-answering'],
  defaults: { vocab_size: 128100, hidden_size: 1536, num_hidden_layers: 24, num_attention_heads: 24, intermediate_size: 6144, max_position_embeddings: 512, type_vocab_size: 0, relative_attention: false, max_relative_positions: -1, position_buckets: -1, position_biased_input: true, share_att_key: false, norm_rel_ebd: 'none' },
  build: buildDeberta,
};

function buildDeberta(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const I = cfg.num('intermediate_size');
  const V = cfg.num('vocab_size');
  const P = cfg.num('max_position_embeddings');
  const E = cfg.optNum('embedding_size') ?? H;
  const b = head === 'base' ? '' : 'deberta.';
  const inv = new Inventory();
  inv.embedding(`${b}embeddings.word_embeddings`, V, E);
  if (cfg.bool('position_biased_input', true)) inv.embedding(`${b}embeddings.position_embeddings`, P, E);
  const T = cfg.num('type_vocab_size');
  if (T > 0) inv.embedding(`${b}embeddings.token_type_embeddings`, T, E);
  if (E !== H) inv.linear(`${b}embeddings.embed_proj`, E, H, false);
  inv.norm(`${b}embeddings.LayerNorm`, H, 'LayerNorm');
  const relative = cfg.bool('relative_attention', false);
  const posAtt = cfg.value('pos_att_type');
  const posTypes = Array.isArray(posAtt) ? posAtt.map(String) : typeof posAtt === 'string' ? posAtt.toLowerCase().split('|') : [];
  const separatePos = relative && !cfg.bool('share_att_key', false);
  for (let i = 0; i < L; i++) {
    const p = `${b}encoder.layer.${i}`;
    inv.container(p, 'DebertaV2Layer');
    for (const proj of ['query_proj', 'key_proj', 'value_proj']) inv.linear(`${p}.attention.self.${proj}`, H, H, true);
    if (separatePos && posTypes.includes('c2p')) inv.linear(`${p}.attention.self.pos_key_proj`, H, H, true);
    if (separatePos && posTypes.includes('p2c')) inv.linear(`${p}.attention.self.pos_query_proj`, H, H, true);
    inv.linear(`${p}.attention.output.dense`, H, H, true);
    inv.norm(`${p}.attention.output.LayerNorm`, H, 'LayerNorm');
    inv.linear(`${p}.intermediate.dense`, H, I, true);
    inv.linear(`${p}.output.dense`, I, H, true);
    inv.norm(`${p}.output.LayerNorm`, H, 'LayerNorm');
  }
  if (relative) {
    const buckets = cfg.num('position_buckets', -1);
    let maxRel = cfg.num('max_relative_positions', -1);
    if (maxRel < 1) maxRel = P;
    inv.embedding(`${b}encoder.rel_embeddings`, (buckets > 0 ? buckets : maxRel) * 2, H);
    if (cfg.str('norm_rel_ebd', 'none').includes('layer_norm')) inv.norm(`${b}encoder.LayerNorm`, H, 'LayerNorm');
  }
  if (head === 'seq-cls') {
    const pooled = cfg.optNum('pooler_hidden_size') ?? H;
    inv.linear('pooler.dense', pooled, pooled, true);
    inv.linear('classifier', pooled, numLabels(cfg), true);
  } else addEncoderHead(inv, cfg, head, H, false);
  return {
    className: `DebertaV2${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${b}embeddings.word_embeddings`,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: false, maxPositions: P },
  };
}
