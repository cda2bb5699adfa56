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
