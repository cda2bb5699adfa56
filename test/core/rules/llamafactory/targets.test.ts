import { targets } from '../../../../core/src/rules/llamafactory/targets';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: m', 'stage: sft'];

ruleTable('llamafactory target modules', targets, '/p/lf.yaml', [
  ['all', lines(...base, 'lora_target: all'), []],
  ['named modules', lines(...base, 'lora_target: q_proj,v_proj'), []],
  ['PEFT\'s all-linear', lines(...base, 'lora_target: all-linear'), ['llamafactory/target-modules@3']],
  ['all among other names', lines(...base, 'lora_target: all,lm_head'), ['llamafactory/target-modules@3']],
  ['OFT too', lines(...base, 'finetuning_type: oft', 'oft_target: [all-linear]'), ['llamafactory/target-modules@4']],
  ['the list of a method not in use is never read', lines(...base, 'finetuning_type: full', 'lora_target: all-linear'), []],
]);
