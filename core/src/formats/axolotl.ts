/** axolotl YAML (`axolotl train config.yml`). */
import schema from '../../../schemas/axolotl.schema.json';
import type { ConfigDoc } from '../document';
import { findEntry, toValue } from '../parse/tree';
import { AXOLOTL_RULES } from '../rules/axolotl';
import type { JsonSchema } from '../schema/types';
import { extractAxolotl } from './axolotl/extract';
import type { FormatModule } from './types';

/** Plugins whose options the schema declares in full; any other plugin may add keys we cannot know. */
const MODELLED_PLUGINS = ['axolotl.integrations.liger.LigerPlugin', 'axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin'];

const strict = schema as JsonSchema;
/** Same schema, but top-level keys it does not declare are accepted (they may belong to a listed plugin). */
const withPluginKeys: JsonSchema = { ...strict, $id: `${strict.$id}#with-plugin-keys`, additionalProperties: true };

function schemaFor(doc: ConfigDoc): JsonSchema {
  const list = doc.root?.kind === 'map' ? toValue(findEntry(doc.root, 'plugins')?.value) : undefined;
  const unmodelled = Array.isArray(list) && list.some((p) => typeof p === 'string' && !MODELLED_PLUGINS.includes(p));
  return unmodelled ? withPluginKeys : strict;
}

export const axolotl: FormatModule = {
  id: 'axolotl',
  label: 'axolotl',
  validation: {
    tool: 'axolotl',
    unknownKeyEffect: 'axolotl drops keys it does not declare without a word, so this setting has no effect',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    lenient: { numericStrings: true, booleanStrings: true, booleanNumbers: true },
  },
  schema: schemaFor,
  rules: AXOLOTL_RULES,
  extract: extractAxolotl,
};
