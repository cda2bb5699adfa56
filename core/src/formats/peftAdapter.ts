/**
 * Hugging Face PEFT `adapter_config.json`. PEFT picks the config class from `peft_type`, so the schema
 * does too: each class is one definition (tagged `x-peft-type`) and a document is validated against the
 * definition its `peft_type` names. Without a known `peft_type` only the shared top level applies.
 */
import schema from '../../../schemas/peft-adapter.schema.json';
import type { ConfigDoc } from '../document';
import type { Sourced } from '../plan';
import { keyText, toValue } from '../parse/tree';
import { PEFT_RULES } from '../rules/peft';
import type { JsonSchema } from '../schema/types';
import { assumed, derive, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

const ROOT = schema as JsonSchema;

/** One schema per peft_type: the root's definitions with the class definition as the entry point. */
const BY_PEFT_TYPE: ReadonlyMap<string, JsonSchema> = new Map(
  Object.entries(ROOT.definitions ?? {}).flatMap(([name, def]) => {
    const type = def['x-peft-type'];
    if (typeof type !== 'string') return [];
    const entry: JsonSchema = { $schema: ROOT.$schema, $ref: `#/definitions/${name}`, definitions: ROOT.definitions };
    return [[type, entry]];
  }),
);

/** The schema for a document: its class's definition, or the shared top level when peft_type is missing or unknown. */
function peftSchemaFor(doc: ConfigDoc): JsonSchema {
  const peftType = doc.root?.kind === 'map' ? (toValue(doc.root) as Record<string, unknown>).peft_type : undefined;
  return (typeof peftType === 'string' && BY_PEFT_TYPE.get(peftType)) || ROOT;
}

export const peftAdapter: FormatModule = {
  id: 'peft-adapter',
  label: 'PEFT',
  validation: {
    tool: 'PEFT',
    unknownKeyEffect: 'PEFT drops it with a warning when loading (it may need a newer PEFT)',
    unknownKeySeverity: 'warning',
    typeSeverity: 'warning',
  },
  schema: peftSchemaFor,
  rules: PEFT_RULES,
  extract(doc: ConfigDoc) {
    const type = sourced(doc, ['peft_type'], isString);
    const { peft, peftSources } = writtenValues(doc);
    return {
      format: 'peft-adapter',
      model: sourced(doc, ['base_model_name_or_path'], isString),
      method: type ? derive(type, type.value.toLowerCase()) : assumed('lora', 'no peft_type: assumed LORA'),
      peft,
      peftSources,
      training: { loop: assumed('plain', 'an adapter_config.json names no training loop: a plain PyTorch loop that holds the model output through backward (--loop trainer for the Trainer)') },
    };
  },
};

/**
 * The adapter config exactly as written (no PEFT defaults filled in), with the span of every top-level
 * value so hover can point at the key a number came from.
 */
function writtenValues(doc: ConfigDoc): { peft: Record<string, unknown>; peftSources: Record<string, Sourced<unknown>> } {
  const peft: Record<string, unknown> = {};
  const peftSources: Record<string, Sourced<unknown>> = {};
  if (doc.root?.kind !== 'map') return { peft, peftSources };
  for (const entry of doc.root.entries) {
    const key = keyText(entry);
    const value = toValue(entry.value);
    // `1e999` parses as infinity, which no PEFT class can use: check reports it, the plan leaves it out.
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    peft[key] = value;
    peftSources[key] = { value, key, span: entry.value?.span ?? entry.key.span };
  }
  return { peft, peftSources };
}
