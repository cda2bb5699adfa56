/**
 * A v0 (flat) LLaMA-Factory config as a TrainingPlan: the PEFT config LLaMA-Factory builds for LoRA
 * or OFT (model/adapter.py), the non-PEFT trainable selections, and the training settings.
 */
import type { ConfigDoc } from '../../document';
import type { Sourced, TrainingPlan } from '../../plan';
import { assumed, derive, peftFromSources } from '../extractHelpers';
import { FlatConfig, toBool, toList, toNumber, toStr } from '../hfArgs';
import { V0_PROPS } from './layout';
import { TOOL, targets, valuesOf } from './readers';
import { trainingV0 } from './trainingV0';

export function extractV0(doc: ConfigDoc): TrainingPlan {
  const c = new FlatConfig(doc, V0_PROPS, TOOL);
  const ft = c.value('finetuning_type', toStr) ?? assumed('lora', 'LLaMA-Factory defaults to lora');
  const plan: TrainingPlan = { format: 'llamafactory', model: c.get('model_name_or_path', toStr), method: methodOf(c, ft), training: trainingV0(c) };
  if (ft.value === 'lora') Object.assign(plan, lora(c));
  if (ft.value === 'oft') Object.assign(plan, oft(c));
  plan.extra = extra(c, ft.value);
  return plan;
}

function methodOf(c: FlatConfig, ft: Sourced<string>): Sourced<string> {
  const bits = c.get('quantization_bit', toNumber);
  if (ft.value !== 'lora' || bits?.value !== 4) return ft;
  return ft.assumed ? derive(bits, 'qlora', 'no `finetuning_type` (LLaMA-Factory defaults to lora) on a 4-bit base: QLoRA') : derive(ft, 'qlora');
}

function lora(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const r = c.value('lora_rank', toNumber);
  const pissa = c.get('pissa_init', toBool);
  const iter = c.value('pissa_iter', toNumber)?.value ?? 16;
  return peftFromSources({ peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none' }, {
    r,
    lora_alpha: c.get('lora_alpha', toNumber) ?? (r ? assumed(r.value * 2, `no \`lora_alpha\`: LLaMA-Factory uses 2 × lora_rank = ${r.value * 2}`) : undefined),
    lora_dropout: c.value('lora_dropout', toNumber),
    target_modules: targets(c, 'lora_target'),
    modules_to_save: c.get('additional_target', toList) ?? resizedEmbeddings(c),
    use_rslora: c.value('use_rslora', toBool),
    use_dora: c.value('use_dora', toBool),
    init_lora_weights: pissa?.value ? derive(pissa, iter === -1 ? 'pissa' : `pissa_niter_${iter}`) : undefined,
  });
}

/** With `resize_vocab` and no `additional_target`, LLaMA-Factory trains the (resized) embeddings fully. */
function resizedEmbeddings(c: FlatConfig): Sourced<string[]> | undefined {
  const resize = c.get('resize_vocab', toBool);
  return resize?.value ? derive(resize, ['embed_tokens', 'lm_head'], '`resize_vocab` without `additional_target`: LLaMA-Factory trains the input and output embeddings (their names depend on the model)') : undefined;
}

function oft(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  return peftFromSources({ peft_type: 'OFT', task_type: 'CAUSAL_LM' }, {
    r: c.value('oft_rank', toNumber),
    oft_block_size: c.value('oft_block_size', toNumber),
    target_modules: targets(c, 'oft_target'),
    module_dropout: c.value('module_dropout', toNumber),
    modules_to_save: c.get('additional_target', toList),
  });
}

/** Trainable selections outside PEFT: freeze tuning, LLaMA Pro, and the multimodal towers. */
function extra(c: FlatConfig, method: string): Record<string, Sourced<unknown>> {
  const keys: [string, (v: unknown) => unknown][] = [];
  const llamaPro = c.get('use_llama_pro', toBool)?.value === true;
  if (method === 'freeze' || llamaPro) keys.push(['freeze_trainable_layers', toNumber]);
  if (method === 'freeze') keys.push(['freeze_trainable_modules', toList], ['freeze_extra_modules', toList]);
  if (llamaPro) keys.push(['use_llama_pro', toBool]);
  keys.push(['freeze_vision_tower', toBool], ['freeze_multi_modal_projector', toBool], ['freeze_language_model', toBool]);
  return valuesOf(c, keys);
}
