import { handbook } from '../../../../core/src/rules/trl/handbook';
import { lines, ruleTable } from '../ruleTable';

ruleTable('trl handbook keys', handbook, '/p/sft.yaml', [
  ['plain TRL', lines('model_name_or_path: m', 'dataset_name: d'), []],
  ['handbook keys, reported once', lines('model_name_or_path: m', 'chat_template: "{{ x }}"', 'dataset_mixture:', '  datasets: []'), ['trl/handbook-key@2']],
]);
