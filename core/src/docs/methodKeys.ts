/**
 * Which keys of a config belong to its fine-tuning method, per format, so that inserting a method
 * replaces the old method's keys and leaves the model, data and training keys alone.
 *
 * - `variant` keys say which method or variant it is (axolotl's `adapter`, `peft_use_dora`): a new
 *   method drops them unless its snippet writes them.
 * - `family` keys belong to a family of methods (LoRA's rank, alpha, dropout, targets): they stay
 *   while the new method is of the same family (LoRA → DoRA keeps `lora_modules_to_save`) and go
 *   otherwise (LoRA → full fine-tuning).
 * - `targets` choose the adapted modules: a user's choice is kept when the new method targets
 *   modules too, instead of the snippet's default.
 * The key names are those of axolotl 0.18, LLaMA-Factory 0.9.6 (v0 layout), TRL 1.9 (ModelConfig),
 * torchtune 0.7 (the LoRA builders' arguments) and PEFT 0.21 (adapter_config.json).
 */
import type { FormatId } from '../types';

export type MethodFamily = 'lora' | 'oft' | 'freeze' | 'full' | 'peft';

/** The family of each method the picker offers (PEFT's own tuners are told apart by the schema instead). */
export function familyOf(methodId: string): MethodFamily {
  if (['lora', 'qlora', 'dora', 'rslora', 'pissa'].includes(methodId)) return 'lora';
  if (methodId === 'oft' || methodId === 'freeze' || methodId === 'full') return methodId;
  return 'peft';
}

export interface MethodKeys {
  /** Where the method's keys live: the top level, or torchtune's `model` builder block. */
  scope: string[];
  variant: ReadonlySet<string>;
  /** The family a key belongs to, if any. */
  family(key: string): MethodFamily | undefined;
  targets: ReadonlySet<string>;
}

const set = (...keys: string[]) => new Set(keys);

export const METHOD_KEYS: Record<Exclude<FormatId, 'peft-adapter'>, MethodKeys> = {
  axolotl: {
    scope: [],
    // load_in_4bit is QLoRA's 4-bit base: axolotl's qlora adapter requires it, and another method
    // keeping it would train on a 4-bit base the user did not choose.
    variant: set('adapter', 'load_in_4bit', 'peft_use_dora', 'peft_use_rslora', 'peft_init_lora_weights'),
    // lora_model_dir loads an existing adapter; it is where the weights come from, not how they are built.
    family: (k) => (k !== 'lora_model_dir' && (/^lora_/.test(k) || /^peft_/.test(k)) ? 'lora' : undefined),
    targets: set('lora_target_modules', 'lora_target_linear'),
  },
  llamafactory: {
    scope: [],
    // QLoRA is LoRA on a quantized base: the quantization keys go with the method.
    variant: set('finetuning_type', 'use_dora', 'use_rslora', 'pissa_init', 'pissa_iter', 'pissa_convert', 'quantization_bit', 'quantization_method', 'quantization_type', 'double_quantization'),
    family: (k) => {
      if (/^lora_/.test(k) || /^loraplus_/.test(k) || k === 'additional_target') return 'lora';
      if (/^oft_/.test(k) || k === 'module_dropout') return 'oft';
      if (/^freeze_/.test(k)) return 'freeze';
      return undefined;
    },
    targets: set('lora_target', 'oft_target'),
  },
  trl: {
    scope: [],
    variant: set('use_peft', 'use_dora', 'use_rslora', 'load_in_4bit', 'bnb_4bit_quant_type', 'use_bnb_nested_quant'),
    family: (k) => (/^lora_/.test(k) ? 'lora' : undefined),
    targets: set('lora_target_modules'),
  },
  torchtune: {
    scope: ['model'],
    variant: set('_component_', 'use_dora', 'quantize_base'),
    family: (k) => (/^lora_/.test(k) || /^apply_lora_to_/.test(k) ? 'lora' : undefined),
    targets: set('lora_attn_modules', 'apply_lora_to_mlp', 'apply_lora_to_output'),
  },
};

/** adapter_config.json keys every PeftConfig has (PEFT 0.21 PeftConfigMixin/PeftConfig): kept across tuners. */
export const PEFT_COMMON = set('base_model_name_or_path', 'revision', 'task_type', 'inference_mode', 'auto_mapping', 'peft_version');
/** LoRA variant switches: dropped unless the new snippet sets them. */
export const PEFT_VARIANT = set('peft_type', 'use_dora', 'use_rslora', 'init_lora_weights');
