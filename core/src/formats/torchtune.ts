/**
 * torchtune recipe configs (`tune run <recipe> --config file.yaml`): the schema of the recipe-level
 * keys, the component rules (core/src/rules/torchtune/) checked against the bundled catalog of
 * torchtune 0.7 components (torchtune/components.json), and the plan extraction.
 */
import schema from '../../../schemas/torchtune.schema.json';
import { TORCHTUNE_RULES } from '../rules/torchtune';
import type { JsonSchema } from '../schema/types';
import { extractPlan } from './torchtune/extract';
import { omegaConfDuplicates } from './omegaConf';
import type { FormatModule } from './types';

export { describeArgument, describeComponent } from './torchtune/describe';

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
  rules: TORCHTUNE_RULES,
  extract: extractPlan,
  // `tune run` loads the file with OmegaConf.load: a repeated key stops it.
  duplicateKeys: omegaConfDuplicates('torchtune'),
};
