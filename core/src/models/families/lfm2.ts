/**
 * LFM2 (`model_type: lfm2`): Liquid's hybrid of gated short-convolution layers (`conv`: in_proj
 * hidden → 3 × conv_dim, a depthwise `conv` nn.Conv1d, out_proj) and GQA attention layers
 * (`self_attn`: q/k/v_proj, out_proj, per-head q_layernorm/k_layernorm), each with a SwiGLU
 * `feed_forward` (w1/w3/w2, its width auto-adjusted from block_ff_dim), `operator_norm` and
 * `ffn_norm`; the final norm is `embedding_norm`, lm_head tied (transformers 5.17 modeling_lfm2.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const lfm2Family: Family = {
  heads: ['causal-lm', 'base'],
  defaults: {
    vocab_size: 65536, hidden_size: 2560, intermediate_size: 12288, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 128000,
    conv_bias: false, conv_L_cache: 3, block_multiple_of: 256, block_ffn_dim_multiplier: 1.0, block_auto_adjust_ff_dim: true, tie_word_embeddings: true,
  },
  build: buildLfm2,
};

export const SHORT_CONV_NOTE =
  'Short-convolution layers: PEFT adapts their in_proj/out_proj (nn.Linear); all-linear does not pick the depthwise conv (nn.Conv1d). Memory treats these layers as attention layers.';

/** Lfm2MLP's width: two thirds of block_ff_dim, scaled, rounded up to block_multiple_of. */
function ffWidth(cfg: ConfigReader): number {
  let ff = cfg.num(['block_ff_dim', 'intermediate_size']);
  if (!cfg.bool('block_auto_adjust_ff_dim', true)) return ff;
  ff = Math.trunc((2 * ff) / 3);
  const mult = cfg.optNum('block_ffn_dim_multiplier');
  if (mult !== undefined) ff = Math.trunc(mult * ff);
  const m = cfg.num('block_multiple_of');
  return m * Math.ceil(ff / m);
}

function isAttention(cfg: ConfigReader, i: number): boolean {
  const types = cfg.list('layer_types');
  if (types.length > 0) return types[i] === 'full_attention';
  return cfg.list('full_attn_idxs').includes(i);
}

function buildLfm2(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = Math.floor(H / nh);
  const V = cfg.num('vocab_size');
  const F = ffWidth(cfg);
  const convDim = cfg.optNum('conv_dim') ?? H;
  const convBias = cfg.bool('conv_bias', false);
  const kernel = cfg.num('conv_L_cache');
  const tieKey = cfg.raw.tie_word_embeddings === undefined && typeof cfg.raw.tie_embedding === 'boolean' ? 'tie_embedding' : 'tie_word_embeddings';
  const tie = cfg.bool(tieKey, true);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'Lfm2DecoderLayer');
    if (isAttention(cfg, i)) {
      inv.container(`${p}.self_attn`, 'Lfm2Attention');
      inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, false);
      inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, false);
      inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, false);
      inv.linear(`${p}.self_attn.out_proj`, nh * hd, H, false);
      inv.norm(`${p}.self_attn.q_layernorm`, hd, 'RMSNorm');
      inv.norm(`${p}.self_attn.k_layernorm`, hd, 'RMSNorm');
    } else {
      inv.container(`${p}.conv`, 'Lfm2ShortConv');
      inv.params(`${p}.conv.conv`, 'Conv1d', [{ name: 'weight', shape: [convDim, 1, kernel] }, ...(convBias ? [{ name: 'bias', shape: [convDim] }] : [])], 'Other');
      inv.linear(`${p}.conv.in_proj`, convDim, 3 * convDim, convBias);
      inv.linear(`${p}.conv.out_proj`, convDim, convDim, convBias);
    }
    inv.container(`${p}.feed_forward`, 'Lfm2MLP');
    inv.linear(`${p}.feed_forward.w1`, H, F, false);
    inv.linear(`${p}.feed_forward.w3`, H, F, false);
    inv.linear(`${p}.feed_forward.w2`, F, H, false);
    inv.norm(`${p}.operator_norm`, H, 'RMSNorm');
    inv.norm(`${p}.ffn_norm`, H, 'RMSNorm');
  }
  inv.norm(`${base}embedding_norm`, H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_tokens`, lmBias: false });
  return {
    className: `Lfm2${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: F, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings') },
    notes: [SHORT_CONV_NOTE],
  };
}
