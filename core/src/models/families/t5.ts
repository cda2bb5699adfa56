/**
 * T5 / Flan-T5 (`model_type: t5`): shared embedding, encoder and decoder stacks of
 * `block.N.layer.M` sub-layers, relative attention bias in block 0 only, T5LayerNorm (weight only),
 * DenseReluDense with `wi` or gated `wi_0`/`wi_1`, lm_head tied unless tie_word_embeddings is false.
 */
import type { ConfigReader } from '../configReader';
import type { Inventory as Inv } from '../inventory';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import type { Family, FamilyBuild } from './types';

export const t5Family: Family = {
  heads: ['seq2seq-lm', 'base'],
  defaults: { vocab_size: 32128, d_model: 512, d_kv: 64, d_ff: 2048, num_layers: 6, num_heads: 8, relative_attention_num_buckets: 32, feed_forward_proj: 'relu', tie_word_embeddings: true },
  build: (cfg, head) => buildT5(cfg, head, 'T5'),
};

/** mT5 (`model_type: mt5`): T5's modules under MT5 class names; MT5Config defaults to gated-gelu and an untied lm_head. */
export const mt5Family: Family = {
  heads: ['seq2seq-lm', 'base'],
  defaults: { vocab_size: 250112, d_model: 512, d_kv: 64, d_ff: 1024, num_layers: 8, num_heads: 6, relative_attention_num_buckets: 32, feed_forward_proj: 'gated-gelu', tie_word_embeddings: false },
  build: (cfg, head) => buildT5(cfg, head, 'MT5'),
};

interface T5Dims {
  D: number;
  inner: number;
  F: number;
  nh: number;
  buckets: number;
  gated: boolean;
}

function buildT5(cfg: ConfigReader, head: ModelHead, prefix: 'T5' | 'MT5'): FamilyBuild {
  const nh = cfg.num('num_heads');
  const dims: T5Dims = {
    D: cfg.num('d_model'),
    inner: nh * cfg.num('d_kv'),
    F: cfg.num('d_ff'),
    nh,
    buckets: cfg.num('relative_attention_num_buckets'),
    gated: cfg.str('feed_forward_proj', 'relu').startsWith('gated'),
  };
  const Le = cfg.num('num_layers');
  const Ld = cfg.optNum('num_decoder_layers') ?? Le;
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', prefix === 'T5');
  const inv = new Inventory();
  inv.embedding('shared', V, dims.D);
  inv.tied('encoder.embed_tokens', 'shared', 'Embedding', V, dims.D);
  for (let i = 0; i < Le; i++) addBlock(inv, dims, `encoder.block.${i}`, i, false);
  inv.norm('encoder.final_layer_norm', dims.D, 'RMSNorm');
  inv.tied('decoder.embed_tokens', 'shared', 'Embedding', V, dims.D);
  for (let i = 0; i < Ld; i++) addBlock(inv, dims, `decoder.block.${i}`, i, true);
  inv.norm('decoder.final_layer_norm', dims.D, 'RMSNorm');
  let outputEmbedding: string | undefined;
  if (head === 'seq2seq-lm') {
    if (tie) inv.tied('lm_head', 'shared', 'Linear', dims.D, V);
    else inv.linear('lm_head', dims.D, V, false);
    outputEmbedding = 'lm_head';
  }
  return {
    className: `${prefix}${head === 'seq2seq-lm' ? 'ForConditionalGeneration' : 'Model'}`,
    modules: inv.build(),
    inputEmbedding: 'shared',
    outputEmbedding,
    numbers: { hiddenSize: dims.D, numLayers: Le, numDecoderLayers: Ld, numHeads: nh, numKvHeads: nh, headDim: cfg.num('d_kv'), intermediateSize: dims.F, vocabSize: V, tieWordEmbeddings: tie },
  };
}

function addAttention(inv: Inv, d: T5Dims, p: string, relativeBias: boolean): void {
  inv.linear(`${p}.q`, d.D, d.inner, false);
  inv.linear(`${p}.k`, d.D, d.inner, false);
  inv.linear(`${p}.v`, d.D, d.inner, false);
  inv.linear(`${p}.o`, d.inner, d.D, false);
  if (relativeBias) inv.embedding(`${p}.relative_attention_bias`, d.buckets, d.nh);
}

function addBlock(inv: Inv, d: T5Dims, p: string, i: number, decoder: boolean): void {
  inv.container(p, 'T5Block');
  addAttention(inv, d, `${p}.layer.0.SelfAttention`, i === 0);
  inv.norm(`${p}.layer.0.layer_norm`, d.D, 'RMSNorm');
  if (decoder) {
    addAttention(inv, d, `${p}.layer.1.EncDecAttention`, false);
    inv.norm(`${p}.layer.1.layer_norm`, d.D, 'RMSNorm');
  }
  const ff = `${p}.layer.${decoder ? 2 : 1}`;
  if (d.gated) {
    inv.linear(`${ff}.DenseReluDense.wi_0`, d.D, d.F, false);
    inv.linear(`${ff}.DenseReluDense.wi_1`, d.D, d.F, false);
  } else inv.linear(`${ff}.DenseReluDense.wi`, d.D, d.F, false);
  inv.linear(`${ff}.DenseReluDense.wo`, d.F, d.D, false);
  inv.norm(`${ff}.layer_norm`, d.D, 'RMSNorm');
}
