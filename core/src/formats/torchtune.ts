/** torchtune recipe configs (`tune run <recipe> --config file.yaml`). */
import schema from '../../../schemas/torchtune.schema.json';
import type { ConfigDoc } from '../document';
import type { JsonSchema } from '../schema/types';
import { assumed, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const torchtune: FormatModule = {
  id: 'torchtune',
  label: 'torchtune',
  validation: {
    tool: 'torchtune',
    unknownKeyEffect: 'the recipe never reads it',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    lenient: { numericStrings: true },
  },
  schema: () => schema as JsonSchema,
  rules: [],
  extract(doc: ConfigDoc) {
    const component = sourced(doc, ['model', '_component_'], isString);
    const builder = component?.value.split('.').pop() ?? '';
    const method = /^qlora_/.test(builder) ? 'qlora' : /^lora_/.test(builder) ? 'lora' : 'full';
    return {
      format: 'torchtune',
      model: component,
      method: component ? { ...component, value: method } : assumed('full', 'no model component'),
      training: {},
    };
  },
};
