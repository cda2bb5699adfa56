/** What a model family contributes: the heads it has classes for, its config defaults, its inventory. */
import type { ConfigReader } from '../configReader';
import type { Architecture, ModelHead, ModuleInfo } from '../types';

export type ArchitectureNumbers = Pick<
  Architecture,
  'hiddenSize' | 'numLayers' | 'numDecoderLayers' | 'numHeads' | 'numKvHeads' | 'headDim' | 'intermediateSize' | 'vocabSize' | 'tieWordEmbeddings' | 'maxPositions' | 'experts'
>;

export interface FamilyBuild {
  className: string;
  modules: ModuleInfo[];
  inputEmbedding: string;
  outputEmbedding?: string;
  numbers: ArchitectureNumbers;
  /** Architecture notes the estimate repeats (Mamba mixers' non-Linear parts, ...). */
  notes?: string[];
}

export interface Family {
  /** Heads in the order a missing task_type falls back to (the first is the default). */
  heads: ModelHead[];
  /** The transformers config class defaults for keys a config.json may leave out. */
  defaults: Record<string, unknown>;
  build(cfg: ConfigReader, head: ModelHead): FamilyBuild;
}

/** Class-name suffix of each head, as transformers names them (`LlamaForCausalLM`). */
export const HEAD_SUFFIX: Record<ModelHead, string> = {
  'causal-lm': 'ForCausalLM',
  'seq2seq-lm': 'ForConditionalGeneration',
  base: 'Model',
  'seq-cls': 'ForSequenceClassification',
  'token-cls': 'ForTokenClassification',
  'question-answering': 'ForQuestionAnswering',
};
