/**
 * GPT-NeoX / Pythia (`model_type: gpt_neox`): `gpt_neox.embed_in`, layers with a fused biased
 * `attention.query_key_value` and `attention.dense`, a plain dense_h_to_4h/dense_4h_to_h MLP, two
 * LayerNorms per layer (parallel residual or not, both exist), `final_layer_norm`, and an untied
 * `embed_out` head (transformers 5.17 modeling_gpt_neox.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const gptNeoxFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 50432, hidden_size: 6144, num_hidden_layers: 44, num_attention_heads: 64, intermediate_size: 24576, max_position_embeddings: 2048, attention_bias: true, tie_word_embeddings: false },
  build: buildGptNeox,
};

function buildGptNeox(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const I = cfg.num('intermediate_size');
  const V = cfg.num('vocab_size');
  const bias = cfg.bool('attention_bias', true);
  const tie = cfg.bool('tie_word_embeddings', false);
  const base = head === 'base' ? '' : 'gpt_neox.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_in`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'GPTNeoXLayer');
    inv.norm(`${p}.input_layernorm`, H, 'LayerNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'LayerNorm');
    inv.linear(`${p}.attention.query_key_value`, H, 3 * H, bias);
    inv.linear(`${p}.attention.dense`, H, H, bias);
    inv.linear(`${p}.mlp.dense_h_to_4h`, H, I, true);
    inv.linear(`${p}.mlp.dense_4h_to_h`, I, H, true);
  }
  inv.norm(`${base}final_layer_norm`, H, 'LayerNorm');
  let outputEmbedding: string | undefined;
  if (head === 'causal-lm') {
    if (tie) inv.tied('embed_out', `${base}embed_in`, 'Linear', H, V);
    else inv.linear('embed_out', H, V, false);
    outputEmbedding = 'embed_out';
  } else addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_in`, lmBias: false });
  return {
    className: `GPTNeoX${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_in`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings') },
  };
}
