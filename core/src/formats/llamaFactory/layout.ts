/**
 * LLaMA-Factory has two config layouts: the flat v0 mapping (`model_name_or_path`, `stage`,
 * `finetuning_type`, ...) and the v1 plugin layout (`model`, `peft_config: {name: lora}`, `dist_config`, ...),
 * each with its own schema.
 */
import schemaV0 from '../../../../schemas/llamafactory.schema.json';
import schemaV1 from '../../../../schemas/llamafactory-v1.schema.json';
import type { ConfigDoc } from '../../document';
import { findEntry } from '../../parse/tree';
import type { JsonSchema } from '../../schema/types';

const V1_BLOCKS = ['peft_config', 'dist_config', 'kernel_config', 'quant_config', 'init_config', 'optim_config', 'lr_scheduler_config'];

export function isV1(doc: ConfigDoc): boolean {
  const root = doc.root;
  if (root?.kind !== 'map') return false;
  if (['model_name_or_path', 'stage', 'finetuning_type'].some((k) => findEntry(root, k))) return false;
  return V1_BLOCKS.some((k) => findEntry(root, k)) || !!findEntry(root, 'model');
}

export function lfSchema(doc: ConfigDoc): JsonSchema {
  return (isV1(doc) ? schemaV1 : schemaV0) as JsonSchema;
}

/** The keys of each layout, with their defaults, for extraction. */
export const V0_PROPS = (schemaV0 as JsonSchema).properties ?? {};
export const V1_PROPS = (schemaV1 as JsonSchema).properties ?? {};
/** The keys of a v1 block (`peft_config`, `quant_config`, ...). */
export const v1BlockProps = (block: string): Record<string, JsonSchema> => V1_PROPS[block]?.properties ?? {};
