/**
 * GPT-2 (`model_type: gpt2`): learned positions, transformers `Conv1D` layers (weights stored
 * [in, out]) with a fused `c_attn`, LayerNorms with bias, lm_head tied to `wte`.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const gpt2Family: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 50257, n_positions: 1024, n_embd: 768, n_layer: 12, n_head: 12, tie_word_embeddings: true },
  build: buildGpt2,
};

function buildGpt2(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const E = cfg.num(['n_embd', 'hidden_size']);
  const L = cfg.num(['n_layer', 'num_hidden_layers']);
  const nh = cfg.num(['n_head', 'num_attention_heads']);
  const P = cfg.num(['n_positions', 'max_position_embeddings']);
  const I = cfg.optNum('n_inner') ?? 4 * E;
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', true);
  const base = head === 'base' ? '' : 'transformer.';
  const inv = new Inventory();
  inv.embedding(`${base}wte`, V, E);
  inv.embedding(`${base}wpe`, P, E);
  for (let i = 0; i < L; i++) {
    const p = `${base}h.${i}`;
    inv.container(p, 'GPT2Block');
    inv.norm(`${p}.ln_1`, E, 'LayerNorm');
    inv.conv1d(`${p}.attn.c_attn`, E, 3 * E);
    inv.conv1d(`${p}.attn.c_proj`, E, E);
    inv.norm(`${p}.ln_2`, E, 'LayerNorm');
    inv.conv1d(`${p}.mlp.c_fc`, E, I);
    inv.conv1d(`${p}.mlp.c_proj`, I, E);
  }
  inv.norm(`${base}ln_f`, E, 'LayerNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: E, vocab: V, tie, embed: `${base}wte`, lmBias: false });
  return {
    className: head === 'causal-lm' ? 'GPT2LMHeadModel' : `GPT2${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}wte`,
    outputEmbedding,
    numbers: { hiddenSize: E, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(E / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: P },
  };
}
