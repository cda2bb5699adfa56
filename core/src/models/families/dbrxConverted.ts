/**
 * DBRX as its "converted" uploads ship it (`model_type: dbrx_converted`, LnL-AI/dbrx-base-converted-v2),
 * a trust_remote_code model: transformers' own DBRX fuses q/k/v into `Wqkv` and keeps the 16 experts in
 * stacked parameters, which PEFT cannot wrap, so the converted modeling code splits them into
 * nn.Linear modules. Names as AutoGPTQ's DbrxConvertedGPTQ lists them: `transformer.wte`, blocks
 * `transformer.blocks.N` with `norm_attn_norm.{norm_1, attn.{q,k,v,out}_proj, norm_2}` (bias-free
 * LayerNorms and projections), `ffn.router.layer` (d_model → experts), and per expert
 * `ffn.experts.mlp.E.{w1, v1, w2}`; `transformer.norm_f` and an untied lm_head.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import { nested, recordReads } from './multimodal';
import type { Family, FamilyBuild } from './types';

export const dbrxConvertedFamily: Family = {
  heads: ['causal-lm'],
  // transformers' DbrxConfig defaults for the keys a file leaves out (not DBRX's own shapes).
  defaults: { vocab_size: 32000, d_model: 2048, n_layers: 24, n_heads: 16, max_seq_len: 2048, tie_word_embeddings: false },
  build: buildDbrxConverted,
};

function buildDbrxConverted(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('d_model');
  const L = cfg.num('n_layers');
  const nh = cfg.num('n_heads');
  const V = cfg.num('vocab_size');
  const attn = nested(cfg, 'attn_config', { kv_n_heads: 1 });
  const ffn = nested(cfg, 'ffn_config', { ffn_hidden_size: 3584, moe_num_experts: 4, moe_top_k: 1 });
  const nkv = attn.num('kv_n_heads');
  const I = ffn.num('ffn_hidden_size');
  const E = ffn.num('moe_num_experts');
  const hd = Math.floor(H / nh);
  const tie = cfg.bool('tie_word_embeddings', false);
  const inv = new Inventory();
  inv.embedding('transformer.wte', V, H);
  for (let i = 0; i < L; i++) {
    const p = `transformer.blocks.${i}`;
    inv.container(p, 'DbrxBlock');
    const a = `${p}.norm_attn_norm`;
    inv.norm(`${a}.norm_1`, H, 'LayerNorm', false);
    inv.linear(`${a}.attn.q_proj`, H, H, false);
    inv.linear(`${a}.attn.k_proj`, H, nkv * hd, false);
    inv.linear(`${a}.attn.v_proj`, H, nkv * hd, false);
    inv.linear(`${a}.attn.out_proj`, H, H, false);
    inv.norm(`${a}.norm_2`, H, 'LayerNorm', false);
    inv.linear(`${p}.ffn.router.layer`, H, E, false);
    for (let e = 0; e < E; e++) {
      const x = `${p}.ffn.experts.mlp.${e}`;
      inv.linear(`${x}.w1`, H, I, false);
      inv.linear(`${x}.v1`, H, I, false);
      inv.linear(`${x}.w2`, I, H, false);
    }
  }
  inv.norm('transformer.norm_f', H, 'LayerNorm', false);
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: 'transformer.wte', lmBias: false });
  recordReads(cfg, attn, ffn);
  return {
    className: 'DbrxForCausalLM',
    modules: inv.build(),
    inputEmbedding: 'transformer.wte',
    outputEmbedding,
    numbers: {
      hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_seq_len'),
      experts: { count: E, perToken: ffn.num('moe_top_k'), intermediateSize: I },
    },
  };
}
