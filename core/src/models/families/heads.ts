/** The head every decoder family puts on its trunk, by the task the model is built for. */
import type { ConfigReader } from '../configReader';
import { numLabels } from '../configReader';
import type { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import type { ArchitectureNumbers, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export interface DecoderHeadSpec {
  hidden: number;
  vocab: number;
  tie: boolean;
  embed: string;
  lmBias: boolean;
  /** Name of the classification head of *ForSequenceClassification (`score` for most decoders). */
  clsName?: string;
}

/**
 * The head of a decoder: lm_head (tied or not) for causal LM, `score` for sequence classification
 * (no bias), `score` with bias for token classification. Returns the output-embedding module name.
 */
export function addDecoderHead(inv: Inventory, cfg: ConfigReader, head: ModelHead, s: DecoderHeadSpec): string | undefined {
  if (head === 'causal-lm') {
    if (s.tie) inv.tied('lm_head', s.embed, 'Linear', s.hidden, s.vocab, s.lmBias);
    else inv.linear('lm_head', s.hidden, s.vocab, s.lmBias);
    return 'lm_head';
  }
  if (head === 'seq-cls') inv.linear(s.clsName ?? 'score', s.hidden, numLabels(cfg), false);
  if (head === 'token-cls') inv.linear(s.clsName ?? 'score', s.hidden, numLabels(cfg), true);
  return undefined;
}

/**
 * The end an RMSNorm decoder's build shares with its kin: the final norm under `base`, the head on the
 * input embedding `${base}embed_tokens` (no bias), and the record of the build.
 */
export function finishRmsDecoder(inv: Inventory, cfg: ConfigReader, head: ModelHead, t: { prefix: string; base: string; finalNorm: string; numbers: ArchitectureNumbers; notes?: string[] }): FamilyBuild {
  const { hiddenSize: hidden, vocabSize: vocab, tieWordEmbeddings: tie } = t.numbers;
  inv.norm(`${t.base}${t.finalNorm}`, hidden, 'RMSNorm');
  const embed = `${t.base}embed_tokens`;
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden, vocab, tie, embed, lmBias: false });
  return { className: `${t.prefix}${HEAD_SUFFIX[head]}`, modules: inv.build(), inputEmbedding: embed, outputEmbedding, numbers: t.numbers, ...(t.notes ? { notes: t.notes } : {}) };
}

/** The trunk shape every decoder config.json states with the same keys, and where the trunk's modules are named. */
export interface DecoderDims {
  H: number;
  L: number;
  nh: number;
  nkv: number;
  hd: number;
  V: number;
  tie: boolean;
  /** `model.` under a task head, nothing for the bare model (`base`). */
  base: string;
}

/**
 * Reads the trunk shape. `headDim: false` for configs whose class has no `head_dim` key (Jamba), where the
 * width is always hidden / heads.
 */
export function decoderDims(cfg: ConfigReader, head: ModelHead, o: { headDim?: boolean } = {}): DecoderDims {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = (o.headDim === false ? undefined : cfg.optNum('head_dim')) ?? Math.floor(H / nh);
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', false);
  return { H, L, nh, nkv, hd, V, tie, base: head === 'base' ? '' : 'model.' };
}

/** The build record's numbers for a trunk read by decoderDims, with the MLP width and what else the family adds. */
export function decoderNumbers(d: DecoderDims, cfg: ConfigReader, intermediateSize: number, more: Partial<ArchitectureNumbers> = {}): ArchitectureNumbers {
  return {
    hiddenSize: d.H, numLayers: d.L, numHeads: d.nh, numKvHeads: d.nkv, headDim: d.hd, intermediateSize, vocabSize: d.V, tieWordEmbeddings: d.tie,
    maxPositions: cfg.optNum('max_position_embeddings'),
    ...more,
  };
}
