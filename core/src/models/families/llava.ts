/**
 * LLaVA (`model_type: llava`, LlavaForConditionalGeneration) and Mistral 3 (`mistral3`:
 * Mistral-Small-3.1/3.2, Magistral-Small-2509, Ministral 3), transformers 5 layout: the vision
 * tower under `model.vision_tower` (CLIP, whose modules sit under `vision_model.`, or Pixtral), a
 * two-layer projector `model.multi_modal_projector` (Mistral 3 adds an RMSNorm and a patch merger
 * in front), the Llama/Mistral language model under `model.language_model`, lm_head at the top.
 */
import type { ConfigReader } from '../configReader';
import { ModelConfigError } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { LLAMA_LIKE_TYPES, dimsToNumbers, llamaBackbone, llamaLikeFamily } from './llama';
import { addLmHead, nested, recordReads, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { CLIP_VISION_DEFAULTS, PIXTRAL_VISION_DEFAULTS, addClipVision, addPixtralVision } from './visionTowers';

interface LlavaKind {
  className: string;
  /** The text model_type a config without `text_config.model_type` gets. */
  text: string;
  vision: string;
  /** The config class default of multimodal_projector_bias. */
  projectorBias: boolean;
  patchMerger: boolean;
}

const KINDS: Record<string, LlavaKind> = {
  llava: { className: 'LlavaForConditionalGeneration', text: 'llama', vision: 'clip_vision_model', projectorBias: true, patchMerger: false },
  mistral3: { className: 'Mistral3ForConditionalGeneration', text: 'mistral', vision: 'pixtral', projectorBias: false, patchMerger: true },
};

/** Text model_types whose decoder is built like Mistral's (Ministral 3 has its own class, same shapes). */
const TEXT_ALIASES: Record<string, string> = { ministral: 'mistral', ministral3: 'mistral' };

export const LLAVA_TYPES = Object.keys(KINDS);

export function llavaFamily(modelType: string): Family {
  const kind = KINDS[modelType];
  return { heads: ['causal-lm'], defaults: {}, build: (cfg, head) => buildLlava(cfg, head, kind) };
}

function subType(cfg: ConfigReader, key: string, fallback: string): string {
  const sub = cfg.raw[key];
  const t = sub && typeof sub === 'object' ? (sub as Record<string, unknown>).model_type : undefined;
  return typeof t === 'string' ? t : fallback;
}

function buildLlava(cfg: ConfigReader, _head: ModelHead, kind: LlavaKind): FamilyBuild {
  const written = subType(cfg, 'text_config', kind.text);
  const textType = TEXT_ALIASES[written] ?? written;
  if (!LLAMA_LIKE_TYPES.includes(textType)) throw new ModelConfigError(`peft-lens models no \`${written}\` language model inside ${kind.className}`);
  const visionType = subType(cfg, 'vision_config', kind.vision);
  if (visionType !== 'clip_vision_model' && visionType !== 'pixtral') throw new ModelConfigError(`peft-lens models no \`${visionType}\` vision tower inside ${kind.className}`);
  const text = nested(cfg, 'text_config', llamaLikeFamily(textType).defaults);
  const vision = nested(cfg, 'vision_config', visionType === 'pixtral' ? PIXTRAL_VISION_DEFAULTS : CLIP_VISION_DEFAULTS);
  const inv = new Inventory();
  const tower = 'model.vision_tower';
  const Hv = visionType === 'pixtral' ? addPixtralVision(inv, vision, tower) : addClipVision(inv, vision, tower);
  const lm = 'model.language_model.';
  const d = llamaBackbone(inv, text, textType, lm);
  const proj = 'model.multi_modal_projector';
  const featureLayers = cfg.list('vision_feature_layer').length || 1;
  const bias = cfg.bool('multimodal_projector_bias', kind.projectorBias);
  if (kind.patchMerger) {
    const merge = cfg.num('spatial_merge_size', 2);
    inv.norm(`${proj}.norm`, Hv, 'RMSNorm');
    inv.linear(`${proj}.patch_merger.merging_layer`, Hv * merge * merge, Hv, false);
  }
  inv.linear(`${proj}.linear_1`, Hv * featureLayers, d.H, bias);
  inv.linear(`${proj}.linear_2`, d.H, d.H, bias);
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, d.H, d.V, tie);
  recordReads(cfg, text, vision);
  return {
    className: kind.className,
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: { ...dimsToNumbers(d, text), tieWordEmbeddings: tie },
  };
}
