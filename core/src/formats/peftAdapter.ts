/** Hugging Face PEFT `adapter_config.json`. */
import schema from '../../../schemas/peft-adapter.schema.json';
import type { ConfigDoc } from '../document';
import type { JsonSchema } from '../schema/types';
import { toValue } from '../parse/tree';
import { assumed, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const peftAdapter: FormatModule = {
  id: 'peft-adapter',
  label: 'PEFT',
  validation: {
    tool: 'PEFT',
    unknownKeyEffect: 'PEFT drops it with a warning when loading (it may need a newer PEFT)',
    unknownKeySeverity: 'warning',
    typeSeverity: 'warning',
  },
  schema: () => schema as JsonSchema,
  rules: [],
  extract(doc: ConfigDoc) {
    const config = (toValue(doc.root) ?? {}) as Record<string, unknown>;
    const type = sourced(doc, ['peft_type'], isString);
    return {
      format: 'peft-adapter',
      model: sourced(doc, ['base_model_name_or_path'], isString),
      method: type ? { ...type, value: type.value.toLowerCase() } : assumed('lora', 'no peft_type: assumed LORA'),
      peft: config,
      training: {},
    };
  },
};
