import { template } from '../../../../core/src/rules/llamafactory/template';
import { lines, ruleTable } from '../ruleTable';

ruleTable('llamafactory template', template, '/p/lf.yaml', [
  ['SFT training with a template', lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: llama3'), []],
  ['SFT training without a template', lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a'), ['llamafactory/missing-template@2']],
  ['default stage without a template', lines('model_name_or_path: m', 'do_train: true', 'dataset: a'), ['llamafactory/missing-template@2']],
  ['pre-training needs no template', lines('model_name_or_path: m', 'stage: pt', 'do_train: true', 'dataset: c4_demo'), []],
  ['not training', lines('model_name_or_path: m', 'adapter_name_or_path: saves/x', 'finetuning_type: lora'), []],
]);
