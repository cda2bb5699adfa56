import { dataset } from '../../../../core/src/rules/trl/dataset';
import { lines, ruleTable } from '../ruleTable';

ruleTable('trl dataset', dataset, '/p/sft.yaml', [
  ['dataset_name', lines('model_name_or_path: m', 'dataset_name: trl-lib/Capybara'), []],
  ['a datasets mixture', lines('model_name_or_path: m', 'datasets:', '  - path: trl-lib/Capybara'), []],
  ['both', lines('model_name_or_path: m', 'dataset_name: x', 'datasets:', '  - path: y'), ['trl/dataset-name-ignored@2']],
  ['neither', lines('model_name_or_path: m', 'use_peft: true', 'lora_r: 8'), ['trl/missing-dataset@1']],
  ['an alignment-handbook mixture', lines('model_name_or_path: m', 'use_peft: true', 'dataset_mixture:', '  datasets: []'), []],
]);
