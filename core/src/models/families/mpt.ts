/**
 * MPT (`model_type: mpt`): `transformer.wte`, blocks with a bias-free fused `attn.Wqkv` and
 * `attn.out_proj`, an up/down MLP (`ffn`), LayerNorms whose bias transformers drops (`norm_1`,
 * `norm_2`, `norm_f`), ALiBi (no position parameters), lm_head tied to wte (transformers 5.17
 * modeling_mpt.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const mptFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { d_model: 2048, n_heads: 16, n_layers: 24, expansion_ratio: 4, max_seq_len: 2048, vocab_size: 50368, tie_word_embeddings: true },
  build: buildMpt,
};

function buildMpt(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num(['d_model', 'hidden_size']);
  const L = cfg.num(['n_layers', 'num_hidden_layers']);
  const nh = cfg.num(['n_heads', 'num_attention_heads']);
  const I = cfg.num('expansion_ratio') * H;
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', true);
  const base = head === 'base' ? '' : 'transformer.';
  const inv = new Inventory();
  inv.embedding(`${base}wte`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}blocks.${i}`;
    inv.container(p, 'MptBlock');
    inv.norm(`${p}.norm_1`, H, 'LayerNorm', false);
    inv.linear(`${p}.attn.Wqkv`, H, 3 * H, false);
    inv.linear(`${p}.attn.out_proj`, H, H, false);
    inv.norm(`${p}.norm_2`, H, 'LayerNorm', false);
    inv.linear(`${p}.ffn.up_proj`, H, I, false);
    inv.linear(`${p}.ffn.down_proj`, I, H, false);
  }
  inv.norm(`${base}norm_f`, H, 'LayerNorm', false);
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}wte`, lmBias: false });
  return {
    className: `Mpt${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}wte`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_seq_len') },
  };
}
