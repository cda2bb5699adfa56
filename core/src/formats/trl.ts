/** TRL command-line configs (`trl sft --config file.yaml`). */
import schema from '../../../schemas/trl.schema.json';
import type { ConfigDoc } from '../document';
import type { JsonSchema } from '../schema/types';
import { assumed, isBoolean, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const trl: FormatModule = {
  id: 'trl',
  label: 'TRL',
  validation: {
    tool: 'TRL',
    unknownKeyEffect: 'the trl CLI passes keys it does not know on to `accelerate launch`, which may reject them',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    lenient: { numericStrings: true, booleanStrings: true },
  },
  schema: () => schema as JsonSchema,
  rules: [],
  extract(doc: ConfigDoc) {
    const usePeft = sourced(doc, ['use_peft'], isBoolean);
    return {
      format: 'trl',
      model: sourced(doc, ['model_name_or_path'], isString),
      method: usePeft?.value ? { ...usePeft, value: 'lora' } : assumed('full', 'no `use_peft: true`: TRL trains every weight'),
      training: {},
    };
  },
};
