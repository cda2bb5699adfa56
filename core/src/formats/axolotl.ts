/** axolotl YAML (`axolotl train config.yml`). */
import schema from '../../../schemas/axolotl.schema.json';
import type { ConfigDoc } from '../document';
import type { JsonSchema } from '../schema/types';
import { assumed, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const axolotl: FormatModule = {
  id: 'axolotl',
  label: 'axolotl',
  validation: {
    tool: 'axolotl',
    unknownKeyEffect: 'axolotl ignores keys it does not know',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    lenient: { numericStrings: true, booleanStrings: true },
  },
  schema: () => schema as JsonSchema,
  rules: [],
  extract(doc: ConfigDoc) {
    const adapter = sourced(doc, ['adapter'], isString);
    return {
      format: 'axolotl',
      model: sourced(doc, ['base_model'], isString),
      method: adapter ?? assumed('full', 'no `adapter`: axolotl fine-tunes every weight'),
      training: {},
    };
  },
};
