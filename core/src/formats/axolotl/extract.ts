/**
 * An axolotl config as a TrainingPlan: the method and the PEFT LoraConfig axolotl builds from its keys
 * (`loaders/adapter.py`), each value with its span or the default axolotl would use; the training
 * settings are read in training.ts.
 */
import type { ConfigDoc } from '../../document';
import { toValue } from '../../parse/tree';
import type { Sourced, TrainingPlan } from '../../plan';
import { truthy } from '../../rules/rule';
import { assumed, derive, isString, peftFromSources, read, sourced, toLooseInt } from '../extractHelpers';
import type { Config } from './read';
import { at } from './read';
import { trainingOf } from './training';

export function extractAxolotl(doc: ConfigDoc): TrainingPlan {
  const config = (doc.root?.kind === 'map' ? toValue(doc.root) : {}) as Config;
  const plan: TrainingPlan = { format: 'axolotl', model: sourced(doc, ['base_model'], isString), method: methodOf(doc, config), training: trainingOf(doc, config) };
  const peft = peftOf(doc, config);
  if (peft) {
    Object.assign(plan, peftFromSources({}, peft.sources));
    if (peft.extra) plan.extra = peft.extra;
  }
  return plan;
}

function methodOf(doc: ConfigDoc, config: Config): Sourced<string> {
  const adapter = sourced(doc, ['adapter'], isString);
  if (!adapter) return assumed('full', 'no `adapter`: axolotl fine-tunes every weight');
  if (adapter.value === 'lora' && config.load_in_4bit === true) return derive(adapter, 'qlora', 'LoRA on a base loaded with `load_in_4bit: true` is QLoRA');
  if (adapter.value === 'llama-adapter') return derive(adapter, 'adaption_prompt');
  return adapter;
}

interface PeftResult {
  sources: Record<string, Sourced<unknown>>;
  extra?: Record<string, Sourced<unknown>>;
}

function peftOf(doc: ConfigDoc, config: Config): PeftResult | undefined {
  const adapter = sourced(doc, ['adapter'], isString);
  if (!adapter) return undefined;
  if (adapter.value === 'llama-adapter') {
    return { sources: { peft_type: derive(adapter, 'ADAPTION_PROMPT'), task_type: assumed('CAUSAL_LM', 'axolotl builds llama-adapter for causal LM') } };
  }
  if (adapter.value !== 'lora' && adapter.value !== 'qlora') return undefined;
  const s: Record<string, Sourced<unknown>> = { peft_type: derive(adapter, 'LORA'), task_type: taskType(doc, config) };
  const copy = (peftKey: string, axolotlKey: string, keep: (v: unknown) => boolean = () => true) => {
    const v = at(doc, axolotlKey);
    if (v && keep(v.value)) s[peftKey] = v;
  };
  const copyInt = (peftKey: string, axolotlKey: string) => {
    const v = read(doc, [axolotlKey], toLooseInt);
    if (v) s[peftKey] = v;
  };
  // axolotl 0.18 validates the config with pydantic in its default (lax) mode and passes the
  // validated values on, so `lora_r: "32"` trains rank 32; an infinite rank is left to the check.
  copyInt('r', 'lora_r');
  copyInt('lora_alpha', 'lora_alpha');
  s.lora_dropout = at(doc, 'lora_dropout') ?? assumed(0.0, 'no `lora_dropout`: axolotl uses 0.0 with an adapter');
  const targets = targetsOf(doc, config);
  Object.assign(s, targets.sources);
  copy('target_parameters', 'lora_target_parameters', truthy);
  copy('layers_to_transform', 'peft_layers_to_transform');
  copy('layers_pattern', 'peft_layers_pattern');
  copy('fan_in_fan_out', 'lora_fan_in_fan_out');
  copy('modules_to_save', 'lora_modules_to_save', truthy);
  s.bias = assumed('none', 'axolotl always trains LoRA without biases');
  Object.assign(s, initOf(doc, config));
  copy('use_dora', 'peft_use_dora', truthy);
  copy('use_rslora', 'peft_use_rslora', truthy);
  copy('rank_pattern', 'lora_rank_pattern', truthy);
  copy('alpha_pattern', 'lora_alpha_pattern', truthy);
  copy('layer_replication', 'peft_layer_replication', truthy);
  copy('trainable_token_indices', 'peft_trainable_token_indices', truthy);
  copy('ensure_weight_tying', 'peft_ensure_weight_tying');
  return { sources: s, extra: targets.extra };
}

function taskType(doc: ConfigDoc, config: Config): Sourced<string> {
  const modelType = at(doc, 'model_type') ?? at(doc, 'type_of_model');
  const name = String(modelType?.value ?? '');
  if (name.includes('SequenceClassification')) return derive(modelType!, 'SEQ_CLS');
  if (name.includes('TokenClassification')) return derive(modelType!, 'TOKEN_CLS');
  if (config.reward_model === true) return derive(at(doc, 'reward_model')!, 'SEQ_CLS', 'a reward model is a sequence classifier');
  if (config.process_reward_model === true) return derive(at(doc, 'process_reward_model')!, 'TOKEN_CLS', 'a process reward model is a token classifier');
  return assumed('CAUSAL_LM', 'axolotl uses CAUSAL_LM unless the model class is a sequence or token classifier');
}

/**
 * `lora_target_linear: true` makes axolotl add the names of every linear layer except the output
 * head — what PEFT's `"all-linear"` selects — to `lora_target_modules`. Names listed as well are kept
 * in `extra.additional_target_modules`; a regex string is wrapped into a list by axolotl and then
 * matches no module name, so it is dropped.
 */
function targetsOf(doc: ConfigDoc, config: Config): { sources: Record<string, Sourced<unknown>>; extra?: Record<string, Sourced<unknown>> } {
  const listed = at(doc, 'lora_target_modules');
  const linear = at(doc, 'lora_target_linear');
  if (!linear || config.lora_target_linear !== true) {
    return { sources: listed && truthy(listed.value) ? { target_modules: listed } : {} };
  }
  const note = 'axolotl adds every linear layer except the output head (PEFT "all-linear")';
  const sources = { target_modules: derive(linear, 'all-linear', note) };
  if (listed && Array.isArray(listed.value) && listed.value.length > 0) {
    return { sources, extra: { additional_target_modules: listed } };
  }
  return { sources };
}

function initOf(doc: ConfigDoc, config: Config): Record<string, Sourced<unknown>> {
  const bits = at(doc, 'peft', 'loftq_config', 'loftq_bits');
  const loftq = at(doc, 'peft', 'loftq_config');
  if (loftq) {
    const loftqBits = bits?.value ?? 4;
    return { init_lora_weights: derive(loftq, 'loftq'), loftq_config: derive(bits ?? loftq, { loftq_bits: loftqBits }) };
  }
  const init = at(doc, 'peft_init_lora_weights');
  // axolotl forwards the init scheme only when it is truthy, so `false` keeps PEFT's default.
  return init && truthy(config.peft_init_lora_weights) ? { init_lora_weights: init } : {};
}

