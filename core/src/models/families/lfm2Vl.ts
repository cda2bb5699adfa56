/**
 * LFM2-VL (`model_type: lfm2_vl`, Lfm2VlForConditionalGeneration, transformers 5.17): a SigLIP2 NaFlex
 * tower under `model.vision_tower.vision_model`, the projector `model.multi_modal_projector` (pixel
 * unshuffle by downsample_factor, an optional LayerNorm, linear_1 → projector_hidden_size, linear_2 →
 * text width, both biased by projector_bias), an LFM2 language model under `model.language_model`, and
 * lm_head (tied by default).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { SHORT_CONV_NOTE, lfm2Backbone, lfm2Family, lfm2Numbers } from './lfm2';
import { addLmHead, nested, recordReads, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { SIGLIP2_VISION_DEFAULTS, addSiglip2Vision } from './visionTowers';

export const lfm2VlFamily: Family = {
  heads: ['causal-lm'],
  // Lfm2VlConfig's class defaults.
  defaults: { downsample_factor: 2, projector_hidden_size: 2560, projector_bias: true, projector_use_layernorm: true, tie_word_embeddings: true },
  build: buildLfm2Vl,
};

function buildLfm2Vl(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', lfm2Family.defaults);
  const vision = nested(cfg, 'vision_config', SIGLIP2_VISION_DEFAULTS);
  const inv = new Inventory();
  const Hv = addSiglip2Vision(inv, vision, 'model.vision_tower.vision_model');
  const lm = 'model.language_model.';
  const d = lfm2Backbone(inv, text, lm, false);
  const proj = 'model.multi_modal_projector';
  const inCh = Hv * cfg.num('downsample_factor') ** 2;
  const ph = cfg.num('projector_hidden_size');
  const bias = cfg.bool('projector_bias', true);
  if (cfg.bool('projector_use_layernorm', true)) inv.norm(`${proj}.layer_norm`, inCh, 'LayerNorm');
  inv.linear(`${proj}.linear_1`, inCh, ph, bias);
  inv.linear(`${proj}.linear_2`, ph, d.H, bias);
  const tie = tiedEmbeddings(cfg, text, true);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, d.H, d.V, tie);
  recordReads(cfg, text, vision);
  return {
    className: 'Lfm2VlForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: { ...lfm2Numbers(d, text), tieWordEmbeddings: tie },
    notes: [SHORT_CONV_NOTE],
  };
}
