/**
 * Gemma 3 multimodal (`model_type: gemma3`, Gemma3ForConditionalGeneration): a Gemma 3 text model
 * under `model.language_model`, a SigLIP vision tower under `model.vision_tower.vision_model`, the
 * multi-modal projector (a raw projection matrix and an RMSNorm), and lm_head tied to the text
 * embeddings. Numbers come from `text_config` / `vision_config` with their classes' defaults.
 */
import type { ConfigReader as Reader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { dimsToNumbers, llamaBackbone, llamaLikeFamily } from './llama';
import { nested } from './multimodal';
import { addSiglipVision } from './visionTowers';
import type { Family, FamilyBuild } from './types';

const SIGLIP_DEFAULTS = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, num_attention_heads: 12, num_channels: 3, image_size: 224, patch_size: 16 };

export const gemma3Family: Family = {
  heads: ['causal-lm'],
  defaults: {},
  build: buildGemma3,
};

function buildGemma3(cfg: Reader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', llamaLikeFamily('gemma3_text').defaults);
  const vision = nested(cfg, 'vision_config', SIGLIP_DEFAULTS);
  const inv = new Inventory();
  const lm = 'model.language_model.';
  const d = llamaBackbone(inv, text, 'gemma3_text', lm);
  const Hv = addSiglipVision(inv, vision, 'model.vision_tower.vision_model');
  inv.params('model.multi_modal_projector', 'Gemma3MultiModalProjector', [{ name: 'mm_input_projection_weight', shape: [Hv, d.H] }], 'Other');
  inv.norm('model.multi_modal_projector.mm_soft_emb_norm', Hv, 'RMSNorm');
  // Gemma 3 always ties the output embedding to the text embeddings.
  inv.tied('lm_head', `${lm}embed_tokens`, 'Linear', d.H, d.V);
  cfg.used.push(...text.used, ...vision.used);
  return {
    className: 'Gemma3ForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding: 'lm_head',
    numbers: { ...dimsToNumbers(d, text), tieWordEmbeddings: true },
  };
}
