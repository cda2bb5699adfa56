/**
 * LLaMA-Factory YAML (`llamafactory-cli train|chat|export config.yaml`), in its v0 and v1 (plugin)
 * layouts: the layout picks the schema (llamaFactory/layout.ts), the rules (rules/llamafactory/) and
 * the extraction (llamaFactory/extractV0.ts, extractV1.ts).
 */
import { llamaFactoryRules } from '../rules/llamafactory';
import { extractV0 } from './llamaFactory/extractV0';
import { extractV1 } from './llamaFactory/extractV1';
import { isV1, lfSchema } from './llamaFactory/layout';
import { TOOL } from './llamaFactory/readers';
import { omegaConfDuplicates } from './omegaConf';
import type { FormatModule } from './types';

export const llamaFactory: FormatModule = {
  id: 'llamafactory',
  label: TOOL,
  validation: {
    tool: TOOL,
    unknownKeyEffect: 'LLaMA-Factory refuses to start on keys no argument class declares',
    unknownKeySeverity: 'error',
    typeSeverity: 'error',
    // OmegaConf reads unquoted `1e-4` as a float where PyYAML keeps a string; quoted numbers are
    // checked by the `llamafactory/number-as-string` rule. HfArgumentParser.parse_dict converts
    // nothing, and the boolean options are tested with `if args.x:` (enable_thinking aside).
    lenient: { numericStrings: true, truthiness: true },
  },
  schema: lfSchema,
  rules: llamaFactoryRules,
  // OmegaConf refuses a mapping that repeats a key, where PyYAML would keep the last value.
  duplicateKeys: omegaConfDuplicates(TOOL),
  extract: (doc) => (isV1(doc) ? extractV1(doc) : extractV0(doc)),
};
