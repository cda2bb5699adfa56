/** TRL command-line configs (`trl sft|dpo|grpo|... --config file.yaml`). */
import schema from '../../../schemas/trl.schema.json';
import type { ConfigDoc } from '../document';
import { trlRules } from '../rules/trl';
import type { JsonSchema } from '../schema/types';
import { assumed, isBoolean, isString, sourced } from './extractHelpers';
import type { FormatModule } from './types';

export const trl: FormatModule = {
  id: 'trl',
  label: 'TRL',
  validation: {
    tool: 'TRL',
    unknownKeyEffect: 'the `trl` CLI passes keys it does not declare to `accelerate launch`, which rejects options it does not know (scripts that parse with TrlParser and `fail_with_unknown_args=False` ignore them)',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    // YAML values become argparse defaults, and argparse converts string defaults with the option's type.
    lenient: { numericStrings: true, booleanStrings: true },
  },
  schema: () => schema as JsonSchema,
  rules: trlRules,
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
