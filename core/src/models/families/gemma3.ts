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
  const Hv = addSiglip(inv, vision, 'model.vision_tower.vision_model');
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

/** SigLIP vision transformer without the attention-pooling head (Gemma 3 sets vision_use_head false). */
function addSiglip(inv: Inventory, v: Reader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const L = v.num('num_hidden_layers');
  const patch = v.num('patch_size');
  const positions = Math.floor(v.num('image_size') / patch) ** 2;
  inv.conv2d(`${p}.embeddings.patch_embedding`, v.num('num_channels'), H, patch, true);
  inv.embedding(`${p}.embeddings.position_embedding`, positions, H);
  for (let i = 0; i < L; i++) {
    const l = `${p}.encoder.layers.${i}`;
    inv.container(l, 'SiglipEncoderLayer');
    for (const proj of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) inv.linear(`${l}.self_attn.${proj}`, H, H, true);
    inv.norm(`${l}.layer_norm1`, H, 'LayerNorm');
    inv.linear(`${l}.mlp.fc1`, H, I, true);
    inv.linear(`${l}.mlp.fc2`, I, H, true);
    inv.norm(`${l}.layer_norm2`, H, 'LayerNorm');
  }
  inv.norm(`${p}.post_layernorm`, H, 'LayerNorm');
  return H;
}
