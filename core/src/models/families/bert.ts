/**
 * BERT and RoBERTa encoders: embeddings (word, position, token type, LayerNorm), encoder.layer.N
 * with attention.self.{query,key,value}, attention.output.dense, intermediate.dense, output.dense,
 * and a pooler on the bare model. The task heads are what AutoModelFor<task> adds.
 */
import type { ConfigReader } from '../configReader';
import { numLabels } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

const BERT_DEFAULTS = { vocab_size: 30522, hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, max_position_embeddings: 512, type_vocab_size: 2 };

export const bertFamily: Family = { heads: ['base', 'seq-cls', 'token-cls', 'question-answering'], defaults: BERT_DEFAULTS, build: (cfg, head) => buildBertLike(cfg, head, 'Bert', 'bert') };
export const robertaFamily: Family = {
  heads: ['base', 'seq-cls', 'token-cls', 'question-answering'],
  defaults: { ...BERT_DEFAULTS, vocab_size: 50265 },
  build: (cfg, head) => buildBertLike(cfg, head, 'Roberta', 'roberta'),
};

function buildBertLike(cfg: ConfigReader, head: ModelHead, cls: string, prefix: string): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const I = cfg.num('intermediate_size');
  const V = cfg.num('vocab_size');
  const P = cfg.num('max_position_embeddings');
  const T = cfg.num('type_vocab_size');
  const b = head === 'base' ? '' : `${prefix}.`;
  const inv = new Inventory();
  inv.embedding(`${b}embeddings.word_embeddings`, V, H);
  inv.embedding(`${b}embeddings.position_embeddings`, P, H);
  inv.embedding(`${b}embeddings.token_type_embeddings`, T, H);
  inv.norm(`${b}embeddings.LayerNorm`, H, 'LayerNorm');
  for (let i = 0; i < L; i++) {
    const p = `${b}encoder.layer.${i}`;
    inv.container(p, `${cls}Layer`);
    inv.linear(`${p}.attention.self.query`, H, H, true);
    inv.linear(`${p}.attention.self.key`, H, H, true);
    inv.linear(`${p}.attention.self.value`, H, H, true);
    inv.linear(`${p}.attention.output.dense`, H, H, true);
    inv.norm(`${p}.attention.output.LayerNorm`, H, 'LayerNorm');
    inv.linear(`${p}.intermediate.dense`, H, I, true);
    inv.linear(`${p}.output.dense`, I, H, true);
    inv.norm(`${p}.output.LayerNorm`, H, 'LayerNorm');
  }
  // BertForSequenceClassification keeps the pooler; RoBERTa's classification head replaces it, and the
  // token-classification and question-answering classes build their backbone without one.
  const pooler = head === 'base' || (head === 'seq-cls' && cls === 'Bert');
  if (pooler) inv.linear(`${b}pooler.dense`, H, H, true);
  addEncoderHead(inv, cfg, head, H, cls === 'Roberta');
  return {
    className: `${cls}${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${b}embeddings.word_embeddings`,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: Math.floor(H / nh), intermediateSize: I, vocabSize: V, tieWordEmbeddings: false, maxPositions: P },
  };
}

/** classifier / qa_outputs as the AutoModelFor<task> classes add them. */
export function addEncoderHead(inv: Inventory, cfg: ConfigReader, head: ModelHead, H: number, twoLayerClassifier: boolean): void {
  const labels = head === 'question-answering' ? 2 : numLabels(cfg);
  if (head === 'seq-cls' && twoLayerClassifier) {
    inv.container('classifier', 'RobertaClassificationHead');
    inv.linear('classifier.dense', H, H, true);
    inv.linear('classifier.out_proj', H, labels, true);
  } else if (head === 'seq-cls' || head === 'token-cls') inv.linear('classifier', H, labels, true);
  else if (head === 'question-answering') inv.linear('qa_outputs', H, 2, true);
}
