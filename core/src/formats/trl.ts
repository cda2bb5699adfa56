/**
 * TRL command-line configs (`trl sft|dpo|grpo|... --config file.yaml`): one schema for the script,
 * model and trainer arguments, the rules in rules/trl/, the extraction in trl/extract.ts.
 */
import { trlRules } from '../rules/trl';
import { trlSchemaFor } from './trl/customScript';
import { extractTrl } from './trl/extract';
import type { FormatModule } from './types';

export const trl: FormatModule = {
  id: 'trl',
  label: 'TRL',
  validation: {
    tool: 'TRL',
    unknownKeyEffect: 'the `trl` CLI passes keys it does not declare to `accelerate launch`, which rejects options it does not know (scripts that parse with TrlParser and `fail_with_unknown_args=False` ignore them)',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    // YAML values become argparse defaults, and argparse converts string defaults with the option's
    // type; other defaults stay as written, and the boolean options are tested for truthiness.
    lenient: { numericStrings: true, booleanStrings: true, truthiness: true },
  },
  // A custom script's recipe declares keys of its own (trl/customScript.ts).
  schema: trlSchemaFor,
  rules: trlRules,
  extract: extractTrl,
};
