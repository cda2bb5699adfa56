/** BLOOM (`model_type: bloom`): ALiBi (no position embeddings), an embedding LayerNorm, fused biased query_key_value, tied lm_head. */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const bloomFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 250880, hidden_size: 64, n_layer: 2, n_head: 8, tie_word_embeddings: true },
  build: buildBloom,
};

function buildBloom(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num(['hidden_size', 'n_embed']);
  const L = cfg.num(['n_layer', 'num_hidden_layers']);
  const nh = cfg.num(['n_head', 'num_attention_heads']);
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', true);
  const t = head === 'base' ? '' : 'transformer.';
  const inv = new Inventory();
  inv.embedding(`${t}word_embeddings`, V, H);
  inv.norm(`${t}word_embeddings_layernorm`, H, 'LayerNorm');
  for (let i = 0; i < L; i++) {
    const p = `${t}h.${i}`;
    inv.container(p, 'BloomBlock');
    inv.norm(`${p}.input_layernorm`, H, 'LayerNorm');
    inv.linear(`${p}.self_attention.query_key_value`, H, 3 * H, true);
    inv.linear(`${p}.self_attention.dense`, H, H, true);
    inv.norm(`${p}.post_attention_layernorm`, H, 'LayerNorm');
    inv.linear(`${p}.mlp.dense_h_to_4h`, H, 4 * H, true);
    inv.linear(`${p}.mlp.dense_4h_to_h`, 4 * H, H, true);
  }
  inv.norm(`${t}ln_f`, H, 'LayerNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${t}word_embeddings`, lmBias: false });
  return {
    className: `Bloom${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${t}word_embeddings`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: 4 * H, vocabSize: V, tieWordEmbeddings: tie },
  };
}
