import { duplicateKeys } from '../../../../core/src/rules/llamafactory/duplicateKeys';
import { lines, ruleTable } from '../ruleTable';

ruleTable('llamafactory duplicate keys', duplicateKeys, '/p/lf.yaml', [
  ['distinct keys', lines('model_name_or_path: m', 'stage: sft', 'lora_rank: 8'), []],
  ['a repeated top-level key', lines('model_name_or_path: m', 'stage: sft', 'lora_rank: 8', 'lora_rank: 16'), ['llamafactory/duplicate-key@4']],
  ['a repeated key inside a plugin block', lines('model: m', 'peft_config:', '  name: lora', '  r: 8', '  r: 16'), ['llamafactory/duplicate-key@5']],
]);
