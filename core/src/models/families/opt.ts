/**
 * OPT (`model_type: opt`): learned positions with an offset of 2, optional project_in/project_out
 * when word_embed_proj_dim differs from hidden_size (opt-350m), pre- or post-LN blocks, lm_head tied.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const optFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 50272, hidden_size: 768, num_hidden_layers: 12, ffn_dim: 3072, max_position_embeddings: 2048, do_layer_norm_before: true, num_attention_heads: 12, enable_bias: true, layer_norm_elementwise_affine: true, tie_word_embeddings: true },
  build: buildOpt,
};

function buildOpt(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const F = cfg.num('ffn_dim');
  const V = cfg.num('vocab_size');
  const P = cfg.num('max_position_embeddings');
  const W = cfg.optNum('word_embed_proj_dim') ?? H;
  const bias = cfg.bool('enable_bias', true);
  const affine = cfg.bool('layer_norm_elementwise_affine', true);
  const tie = cfg.bool('tie_word_embeddings', true);
  const d = head === 'base' ? 'decoder.' : 'model.decoder.';
  const inv = new Inventory();
  const layerNorm = (name: string) => (affine ? inv.norm(name, H, 'LayerNorm') : inv.params(name, 'LayerNorm', [], 'LayerNorm'));
  inv.embedding(`${d}embed_tokens`, V, W);
  inv.embedding(`${d}embed_positions`, P + 2, H);
  if (cfg.bool('do_layer_norm_before', true) && !cfg.bool('_remove_final_layer_norm', false)) layerNorm(`${d}final_layer_norm`);
  if (W !== H) {
    inv.linear(`${d}project_out`, H, W, false);
    inv.linear(`${d}project_in`, W, H, false);
  }
  for (let i = 0; i < L; i++) {
    const p = `${d}layers.${i}`;
    inv.container(p, 'OPTDecoderLayer');
    for (const proj of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) inv.linear(`${p}.self_attn.${proj}`, H, H, bias);
    layerNorm(`${p}.self_attn_layer_norm`);
    inv.linear(`${p}.fc1`, H, F, bias);
    inv.linear(`${p}.fc2`, F, H, bias);
    layerNorm(`${p}.final_layer_norm`);
  }
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: W, vocab: V, tie, embed: `${d}embed_tokens`, lmBias: false });
  return {
    className: `OPT${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${d}embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: F, vocabSize: V, tieWordEmbeddings: tie, maxPositions: P },
  };
}
