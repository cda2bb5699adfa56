/**
 * A TRL config as a TrainingPlan, following trl/scripts: `use_peft` builds a LoraConfig from the
 * `lora_*` keys (get_peft_config), `load_in_4bit/8bit` a BitsAndBytesConfig, and the trainer config
 * supplies batch, length and memory settings (training.ts).
 */
import schema from '../../../../schemas/trl.schema.json';
import type { ConfigDoc } from '../../document';
import type { Quantization, Sourced, TrainingPlan } from '../../plan';
import type { JsonSchema } from '../../schema/types';
import { assumed, derive, peftFromSources } from '../extractHelpers';
import { FlatConfig, toBool, toList, toNumber, toStr } from '../hfArgs';
import { quantizationOf, trainingOf, weightDtypeOf } from './training';

const PROPS = (schema as JsonSchema).properties ?? {};

export function extractTrl(doc: ConfigDoc): TrainingPlan {
  const c = new FlatConfig(doc, PROPS, 'TRL');
  const usePeft = c.get('use_peft', toBool);
  const weightDtype = weightDtypeOf(c);
  const quantization = quantizationOf(c, weightDtype.value);
  const plan: TrainingPlan = {
    format: 'trl',
    model: c.get('model_name_or_path', toStr),
    method: methodOf(usePeft, quantization),
    training: trainingOf(c, weightDtype, quantization),
  };
  if (usePeft?.value) Object.assign(plan, peftOf(c));
  return plan;
}

function methodOf(usePeft: Sourced<boolean> | undefined, quantization: Sourced<Quantization> | undefined): Sourced<string> {
  if (!usePeft?.value) return usePeft ? derive(usePeft, 'full') : assumed('full', 'no `use_peft: true`: TRL trains every weight');
  return derive(usePeft, quantization?.value.bits === 4 ? 'qlora' : 'lora');
}

function peftOf(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  return peftFromSources({ peft_type: 'LORA', bias: 'none' }, {
    task_type: c.value('lora_task_type', toStr),
    r: c.value('lora_r', toNumber),
    lora_alpha: c.value('lora_alpha', toNumber),
    lora_dropout: c.value('lora_dropout', toNumber),
    target_modules: targetsOf(c),
    target_parameters: c.get('lora_target_parameters', toList),
    modules_to_save: c.get('lora_modules_to_save', toList),
    use_rslora: c.value('use_rslora', toBool),
    use_dora: c.value('use_dora', toBool),
  });
}

/** ModelConfig turns a one-element list into its only string (so `[all-linear]` works); null means PEFT's default. */
function targetsOf(c: FlatConfig): Sourced<string | string[] | null> {
  const t = c.get('lora_target_modules', (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v : undefined));
  if (!t) return assumed(null, "no `lora_target_modules`: PEFT uses its default for the model's architecture");
  return Array.isArray(t.value) && t.value.length === 1 ? derive(t, t.value[0]) : t;
}
