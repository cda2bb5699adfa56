/** LLaMA-Factory YAML (`llamafactory-cli train config.yaml`). */
import schema from '../../../schemas/llamafactory.schema.json';
import type { ConfigDoc } from '../document';
import type { JsonSchema } from '../schema/types';
import { assumed, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const llamaFactory: FormatModule = {
  id: 'llamafactory',
  label: 'LLaMA-Factory',
  validation: {
    tool: 'LLaMA-Factory',
    unknownKeyEffect: 'LLaMA-Factory refuses to start on keys no argument class declares',
    unknownKeySeverity: 'error',
    typeSeverity: 'error',
  },
  schema: () => schema as JsonSchema,
  rules: [],
  extract(doc: ConfigDoc) {
    return {
      format: 'llamafactory',
      model: sourced(doc, ['model_name_or_path'], isString),
      method: sourced(doc, ['finetuning_type'], isString) ?? assumed('lora', 'no `finetuning_type`: LLaMA-Factory defaults to lora'),
      training: {},
    };
  },
};
