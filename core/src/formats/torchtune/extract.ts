/**
 * A torchtune recipe config as a TrainingPlan: the HF model the builder stands for, the method
 * (full, lora, qlora, dora) with the PEFT LoraConfig it amounts to, and the training settings.
 */
import type { ConfigDoc } from '../../document';
import { getEntry, toValue } from '../../parse/tree';
import type { Sourced, TrainingPlan } from '../../plan';
import { assumed, derive, isBoolean, isString, sourced } from '../extractHelpers';
import type { ComponentEntry } from './catalog';
import { isLoraBuilder, resolveComponent } from './catalog';
import { hubModel } from './hubModel';
import { peftView } from './peftConfig';
import { guessRecipe } from './recipe';
import { trainingSettings } from './training';

export function extractPlan(doc: ConfigDoc): TrainingPlan {
  const config = (doc.root?.kind === 'map' ? toValue(doc.root) : {}) as Record<string, unknown>;
  const builder = sourced(doc, ['model', '_component_'], isString);
  const entry = builder ? resolveComponent(builder.value)?.entry : undefined;
  const recipe = guessRecipe(doc, config);
  const lora = isLoraBuilder(entry) || (!entry && /(^|\.)q?lora_/.test(builder?.value ?? ''));
  const quantized = lora ? quantizedBase(doc, builder!, entry) : undefined;
  const view = lora && entry ? peftView(doc, entry) : undefined;
  const dora = view?.peft.use_dora === true ? view.peftSources.use_dora : undefined;
  const model = builder ? hubModel(doc, builder, entry) : undefined;
  const extra: Record<string, Sourced<unknown>> = { ...(view?.extra ?? {}) };
  if (builder) extra.builder = builder;
  if (builder && /_reward_/.test(builder.value)) extra.rewardModel = derive(builder, 'a reward model: the output projection is a one-row score head, not the vocabulary-sized lm_head of the hub model');
  if (model && entry?.hf_model && model.value !== entry.hf_model) extra.builderModel = derive(builder!, entry.hf_model);
  extra.recipe = recipe.name ? assumed(recipe.name, 'named in the header comment') : assumed(recipe.lora ? 'a LoRA recipe' : 'unknown', 'no header comment names the recipe (it is given on the `tune run` command line)');
  const training = trainingSettings(doc, config, recipe, quantized);
  if (!training.sequenceLength) extra.sequenceLength = sequenceNote(doc);
  return {
    format: 'torchtune',
    ...(model ? { model } : {}),
    method: methodOf(builder, lora, quantized, dora),
    ...(view ? { peft: view.peft, peftSources: view.peftSources } : {}),
    extra,
    training,
  };
}

function methodOf(builder: Sourced<string> | undefined, lora: boolean, quantized?: Sourced<boolean>, dora?: Sourced<unknown>): Sourced<string> {
  if (!builder) return assumed('full', 'no `model._component_`');
  if (!lora) return derive(builder, 'full');
  if (quantized?.value) return derive(quantized, 'qlora');
  if (dora) return derive(dora, 'dora');
  return derive(builder, 'lora');
}

/** QLoRA: a `qlora_*` builder, or `quantize_base: True` on a LoRA builder. */
function quantizedBase(doc: ConfigDoc, builder: Sourced<string>, entry: ComponentEntry | undefined): Sourced<boolean> {
  const written = sourced(doc, ['model', 'quantize_base'], isBoolean);
  if (written) return written;
  return derive(builder, entry?.kind === 'qlora_model' || /(^|\.)qlora_/.test(builder.value));
}

/** Why there is no sequence length: torchtune only truncates to `tokenizer.max_seq_len`. */
function sequenceNote(doc: ConfigDoc): Sourced<unknown> {
  const entry = getEntry(doc.root, ['tokenizer', 'max_seq_len']);
  const why = 'torchtune does not truncate or pad to a fixed length, so each batch is as long as its longest sample; the estimate falls back to the default sequence length setting';
  return entry?.value ? { value: null, key: 'tokenizer.max_seq_len', span: entry.value.span, assumed: `\`tokenizer.max_seq_len\` is null: ${why}` } : assumed(null, `no \`tokenizer.max_seq_len\`: ${why}`);
}
