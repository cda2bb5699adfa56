/**
 * Gemma 4 unified (`model_type: gemma4_unified`, Gemma4UnifiedForConditionalGeneration, the 12B),
 * as transformers 5's models/gemma4_unified builds it (read at modular_gemma4_unified.py 078ae01 and
 * configuration_gemma4_unified.py 008e574, as for gemma4.ts): the Gemma 4 text model without per-layer
 * embeddings or experts under `model.language_model`, and no vision or audio tower. Images enter
 * through `model.embed_vision`, an encoder-free embedder (a LayerNorm over each merged
 * (patch_size × pooling_kernel_size)² × 3 pixel patch, a biased Linear to `mm_embed_dim`, a LayerNorm,
 * a factorized 2-D position table, a LayerNorm, then a scale-free RMSNorm and a projection to the text
 * width); audio enters as raw waveform frames of `audio_embed_dim` samples through `model.embed_audio`
 * (a scale-free RMSNorm and a projection). lm_head is tied to the text embeddings.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { GEMMA4_TEXT_DEFAULTS, addGemma4Text } from './gemma4';
import { addLmHead, nested, recordReads } from './multimodal';
import type { Family, FamilyBuild } from './types';

/** Gemma4UnifiedTextConfig overrides these of Gemma4TextConfig's defaults. */
const TEXT_DEFAULTS = { ...GEMMA4_TEXT_DEFAULTS, sliding_window: 1024, max_position_embeddings: 262144 };
const VISION_DEFAULTS = { patch_size: 16, pooling_kernel_size: 3, mm_embed_dim: 3840, mm_posemb_size: 1120, output_proj_dims: 3840 };
const AUDIO_DEFAULTS = { audio_embed_dim: 640 };

export const gemma4UnifiedFamily: Family = {
  heads: ['causal-lm'],
  defaults: { tie_word_embeddings: true },
  build: buildGemma4Unified,
};

function buildGemma4Unified(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', TEXT_DEFAULTS);
  const inv = new Inventory();
  const lm = 'model.language_model.';
  const d = addGemma4Text(inv, text, lm, 'Gemma4Unified');
  const H = d.numbers.hiddenSize;
  const readers = [text];
  if (cfg.raw.vision_config && typeof cfg.raw.vision_config === 'object') {
    const v = nested(cfg, 'vision_config', VISION_DEFAULTS);
    const p = 'model.embed_vision';
    const patchDim = (v.num('patch_size') * v.num('pooling_kernel_size')) ** 2 * 3;
    const E = v.num('mm_embed_dim');
    inv.params(p, 'Gemma4UnifiedVisionEmbedder', [{ name: 'pos_embedding', shape: [v.num('mm_posemb_size'), 2, E] }]);
    inv.norm(`${p}.patch_ln1`, patchDim, 'LayerNorm');
    inv.linear(`${p}.patch_dense`, patchDim, E, true);
    inv.norm(`${p}.patch_ln2`, E, 'LayerNorm');
    inv.norm(`${p}.pos_norm`, E, 'LayerNorm');
    inv.linear(`${p}.multimodal_embedder.embedding_projection`, v.num('output_proj_dims'), H, false);
    readers.push(v);
  }
  if (cfg.raw.audio_config && typeof cfg.raw.audio_config === 'object') {
    const a = nested(cfg, 'audio_config', AUDIO_DEFAULTS);
    inv.linear('model.embed_audio.embedding_projection', a.num('audio_embed_dim'), H, false);
    readers.push(a);
  }
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, H, d.numbers.vocabSize, true);
  recordReads(cfg, ...readers);
  return {
    className: 'Gemma4UnifiedForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: d.numbers,
    notes: d.notes,
  };
}
