import { numberAsString } from '../../../../core/src/rules/llamafactory/numberAsString';
import { lines, ruleTable } from '../ruleTable';

ruleTable('llamafactory number as string', numberAsString, '/p/lf.yaml', [
  ['OmegaConf reads unquoted 1e-4 and 3e-6 as floats', lines('model_name_or_path: m', 'learning_rate: 1e-4', 'warmup_ratio: 1.0e-1', 'lora_rank: 8'), []],
  ['a quoted learning rate stays a string', lines('model_name_or_path: m', 'learning_rate: "1e-4"', 'stage: sft'), ['llamafactory/number-as-string@2']],
  ['a quoted rank stays a string', lines('model_name_or_path: m', "lora_rank: '8'"), ['llamafactory/number-as-string@2']],
  ['strings are fine where strings are expected', lines('model_name_or_path: "123"', 'dataset: "2024"', 'master_port: "29500"'), []],
  ['v1 configs too', lines('model: Qwen/Qwen3-0.6B', 'learning_rate: "1e-4"', 'dist_config: {name: fsdp2}'), ['llamafactory/number-as-string@2']],
]);
