/** LLaMA-Factory YAML (`llamafactory-cli train|chat|export config.yaml`), in its v0 and v1 (plugin) forms. */
import type { ConfigDoc } from '../document';
import { llamaFactoryRules } from '../rules/llamafactory';
import { lfSchema } from '../rules/llamafactory/layout';
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
    // OmegaConf reads unquoted `1e-4` as a float where PyYAML keeps a string; quoted numbers are
    // checked by the `llamafactory/number-as-string` rule.
    lenient: { numericStrings: true },
  },
  schema: lfSchema,
  rules: llamaFactoryRules,
  extract(doc: ConfigDoc) {
    return {
      format: 'llamafactory',
      model: sourced(doc, ['model_name_or_path'], isString),
      method: sourced(doc, ['finetuning_type'], isString) ?? assumed('lora', 'no `finetuning_type`: LLaMA-Factory defaults to lora'),
      training: {},
    };
  },
};
