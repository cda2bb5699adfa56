/**
 * Qwen2-VL, Qwen2.5-VL, Qwen3-VL and Qwen3-VL-MoE (`*ForConditionalGeneration`, transformers 5
 * layout): the vision tower under `model.visual`, the Qwen2/Qwen3 language model under
 * `model.language_model`, lm_head at the top. The merger that projects image patches into the text
 * width lives inside the tower (`model.visual.merger`). PEFT 0.21 has no default targets for these
 * model_types, and `all-linear` reaches the tower's Linear layers too.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { dimsToNumbers, expertNumbers, llamaBackbone } from './llama';
import { addLmHead, nested, recordReads, textConfig, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { QWEN25_VISION_DEFAULTS, QWEN2_VISION_DEFAULTS, QWEN3_VISION_DEFAULTS, addQwen25Vision, addQwen2Vision, addQwen3Vision } from './visionTowers';

interface QwenVlKind {
  className: string;
  /** The llama-like traits of its language model. */
  text: 'qwen2' | 'qwen3' | 'qwen3_moe';
  textDefaults: Record<string, unknown>;
  vision: (inv: Inventory, v: ConfigReader, prefix: string) => void;
  visionDefaults: Record<string, unknown>;
}

const QWEN2_TEXT = { vocab_size: 152064, hidden_size: 8192, intermediate_size: 29568, num_hidden_layers: 80, num_attention_heads: 64, num_key_value_heads: 8, max_position_embeddings: 32768, tie_word_embeddings: false };
const QWEN3_TEXT = { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, head_dim: 128, attention_bias: false, max_position_embeddings: 128000, tie_word_embeddings: false };
const QWEN3_MOE_TEXT = {
  ...QWEN3_TEXT,
  hidden_size: 2048,
  intermediate_size: 5632,
  num_hidden_layers: 24,
  num_attention_heads: 16,
  num_key_value_heads: 16,
  num_experts: 60,
  num_experts_per_tok: 4,
  moe_intermediate_size: 1408,
  decoder_sparse_step: 1,
  mlp_only_layers: [],
};

const KINDS: Record<string, QwenVlKind> = {
  qwen2_vl: { className: 'Qwen2VLForConditionalGeneration', text: 'qwen2', textDefaults: QWEN2_TEXT, vision: addQwen2Vision, visionDefaults: QWEN2_VISION_DEFAULTS },
  qwen2_5_vl: { className: 'Qwen2_5_VLForConditionalGeneration', text: 'qwen2', textDefaults: QWEN2_TEXT, vision: addQwen25Vision, visionDefaults: QWEN25_VISION_DEFAULTS },
  qwen3_vl: { className: 'Qwen3VLForConditionalGeneration', text: 'qwen3', textDefaults: QWEN3_TEXT, vision: (i, v, p) => addQwen3Vision(i, v, p, true), visionDefaults: QWEN3_VISION_DEFAULTS },
  qwen3_vl_moe: { className: 'Qwen3VLMoeForConditionalGeneration', text: 'qwen3_moe', textDefaults: QWEN3_MOE_TEXT, vision: (i, v, p) => addQwen3Vision(i, v, p, true), visionDefaults: QWEN3_VISION_DEFAULTS },
};

export const QWEN_VL_TYPES = Object.keys(KINDS);

export function qwenVlFamily(modelType: string): Family {
  const kind = KINDS[modelType];
  return { heads: ['causal-lm'], defaults: {}, build: (cfg, head) => buildQwenVl(cfg, head, kind) };
}

function buildQwenVl(cfg: ConfigReader, _head: ModelHead, kind: QwenVlKind): FamilyBuild {
  const text = textConfig(cfg, kind.textDefaults);
  const vision = nested(cfg, 'vision_config', kind.visionDefaults);
  const inv = new Inventory();
  kind.vision(inv, vision, 'model.visual');
  const lm = 'model.language_model.';
  const d = llamaBackbone(inv, text, kind.text, lm);
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, d.H, d.V, tie);
  recordReads(cfg, text, vision);
  return {
    className: kind.className,
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: { ...dimsToNumbers(d, text), tieWordEmbeddings: tie, experts: kind.text === 'qwen3_moe' ? expertNumbers(text, 'qwen3_moe') : undefined },
  };
}
