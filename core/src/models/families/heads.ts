/** The head every decoder family puts on its trunk, by the task the model is built for. */
import type { ConfigReader } from '../configReader';
import { numLabels } from '../configReader';
import type { Inventory } from '../inventory';
import type { ModelHead } from '../types';

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
