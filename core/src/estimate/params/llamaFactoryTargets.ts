/**
 * What LLaMA-Factory 0.9.6 hands PEFT as target_modules for a multimodal ("composite") model
 * (model/model_utils/visual.py and misc.py): `lora_target: all` lists the leaf names of every
 * module whose class name says Linear, outside the projector and (while freeze_vision_tower, the
 * default) the vision tower; then any target list is rewritten to the full names of the modules
 * whose name contains one of the targets and none of the frozen parts or the model's LoRA conflict
 * keys. Keys are plain substrings of module names, as LLaMA-Factory matches them.
 */
import type { Architecture } from '../../models/types';
import type { TargetSpec } from './targets';

interface Composite {
  projector: string[];
  vision: string[];
  language: string[];
  conflict: string[];
}

/** `_register_composite_model` defaults: multi_modal_projector, vision_tower, language_model + lm_head, no conflicts. */
const composite = (c: Partial<Composite> = {}): Composite => ({ projector: ['multi_modal_projector'], vision: ['vision_tower'], language: ['language_model', 'lm_head'], conflict: [], ...c });

const QWEN2_VL = composite({ projector: ['visual.merger'], vision: ['visual.patch_embed', 'visual.blocks'], conflict: ['patch_embed'] });
const QWEN3_VL = composite({ projector: ['visual.merger'], vision: ['visual.pos_embed', 'visual.patch_embed', 'visual.blocks', 'visual.deepstack_merger_list'], conflict: ['patch_embed'] });
const QWEN3_5 = composite({ projector: ['model.visual.merger'], vision: ['visual.pos_embed', 'visual.patch_embed', 'visual.blocks'], conflict: ['patch_embed'] });

/** The registered model types peft-lens builds an inventory for. */
const COMPOSITE: Record<string, Composite> = {
  gemma3: composite(),
  gemma3n: composite({ vision: ['vision_tower', 'audio_tower'], conflict: ['timm_model', 'subsample_conv_projection'] }),
  gemma4: composite({ projector: ['model.embed_vision', 'model.embed_audio'], vision: ['vision_tower', 'audio_tower'], conflict: ['per_layer_projection_norm'] }),
  llama4: composite({ vision: ['vision_model'] }),
  llava: composite(),
  mistral3: composite({ projector: ['model.multi_modal_projector'] }),
  mllama: composite({ vision: ['vision_model'] }),
  qwen2_vl: QWEN2_VL,
  qwen2_5_vl: QWEN2_VL,
  qwen3_vl: QWEN3_VL,
  qwen3_vl_moe: QWEN3_VL,
  qwen3_5: QWEN3_5,
  qwen3_5_moe: QWEN3_5,
};

/** freeze_vision_tower, freeze_multi_modal_projector (both default true) and freeze_language_model (default false). */
export interface FreezeFlags {
  visionTower: boolean;
  projector: boolean;
  languageModel: boolean;
}

const hits = (name: string, keys: string[]) => keys.some((k) => name.includes(k));

/**
 * Rewrites `spec.targetModules` as LLaMA-Factory does for a composite model; returns the note to
 * record, or undefined when the model is not one LLaMA-Factory treats as composite (or nothing to rewrite).
 */
export function llamaFactoryCompositeTargets(spec: TargetSpec, arch: Architecture, flags: FreezeFlags): string | undefined {
  const c = COMPOSITE[arch.modelType];
  const t = spec.targetModules;
  if (!c || t === null) return undefined;
  let targets: string[];
  if (typeof t === 'string') {
    if (t.toLowerCase() !== 'all-linear') return undefined;
    const forbidden = ['lm_head', ...c.projector, ...(flags.visionTower ? c.vision : [])];
    // find_all_linear_modules goes by class name: a Linear subclass named otherwise (Llama 4's router) is left out
    const linear = arch.modules.filter((m) => m.type === 'Linear' && (m.className ?? 'Linear').includes('Linear') && !hits(m.name, forbidden));
    targets = [...new Set(linear.map((m) => m.name.slice(m.name.lastIndexOf('.') + 1)))];
  } else targets = t;
  const frozen = [...(flags.visionTower ? c.vision : []), ...(flags.projector ? c.projector : []), ...(flags.languageModel ? c.language : []), ...c.conflict];
  const names = arch.modules.map((m) => m.name).filter((n) => hits(n, targets) && !hits(n, frozen));
  spec.targetModules = names;
  const parts = [flags.visionTower && 'the vision tower', flags.projector && 'the projector', flags.languageModel && 'the language model'].filter(Boolean).join(', ');
  return `target_modules: LLaMA-Factory's names for ${arch.modelType} (${targets.join(', ')}), matched as substrings of module names${parts ? ` outside ${parts}` : ''}${c.conflict.length ? ` and ${c.conflict.join(', ')}` : ''}: ${names.length} modules`;
}
