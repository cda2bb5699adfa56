/**
 * Formats whose tool loads the YAML with OmegaConf.load (LLaMA-Factory 0.9.6's read_args, torchtune
 * 0.7's TuneRecipeArgumentParser): OmegaConf 2.3's loader refuses a mapping that repeats a key
 * ("found duplicate key", pointing at the repeated copy) where PyYAML would keep the last value.
 */
import type { FormatModule } from './types';

export function omegaConfDuplicates(tool: string): NonNullable<FormatModule['duplicateKeys']> {
  return {
    severity: 'error',
    message: (key) => `\`${key}\` appears twice in this mapping. ${tool} loads configs with OmegaConf, which stops with "found duplicate key" at this copy instead of keeping the last value. Remove one of them.`,
  };
}
