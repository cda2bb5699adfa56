/**
 * GPT-J (`model_type: gptj`): `transformer.wte`, blocks with bias-free q/k/v/out projections and a
 * biased fc_in/fc_out MLP run in parallel after one LayerNorm (`ln_1`), `ln_f`, and an untied
 * lm_head with a bias (transformers 5.17 modeling_gptj.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const gptjFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: { vocab_size: 50400, n_positions: 2048, n_embd: 4096, n_layer: 28, n_head: 16, tie_word_embeddings: false },
  build: buildGptj,
};

function buildGptj(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const E = cfg.num(['n_embd', 'hidden_size']);
  const L = cfg.num(['n_layer', 'num_hidden_layers']);
  const nh = cfg.num(['n_head', 'num_attention_heads']);
  const I = cfg.optNum('n_inner') ?? 4 * E;
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', false);
  const base = head === 'base' ? '' : 'transformer.';
  const inv = new Inventory();
  inv.embedding(`${base}wte`, V, E);
  for (let i = 0; i < L; i++) {
    const p = `${base}h.${i}`;
    inv.container(p, 'GPTJBlock');
    inv.norm(`${p}.ln_1`, E, 'LayerNorm');
    for (const n of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) inv.linear(`${p}.attn.${n}`, E, E, false);
    inv.linear(`${p}.mlp.fc_in`, E, I, true);
    inv.linear(`${p}.mlp.fc_out`, I, E, true);
  }
  inv.norm(`${base}ln_f`, E, 'LayerNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: E, vocab: V, tie, embed: `${base}wte`, lmBias: true });
  return {
    className: `GPTJ${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}wte`,
    outputEmbedding,
    numbers: { hiddenSize: E, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(E / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum(['n_positions', 'max_position_embeddings']) },
  };
}
