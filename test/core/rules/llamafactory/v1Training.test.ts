import { v1Training } from '../../../../core/src/rules/llamafactory/v1Training';
import { lines, ruleTable } from '../ruleTable';

const base = ['model: Qwen/Qwen3-0.6B', 'dist_config:', '  name: fsdp2', 'train_dataset: data/v1_sft_demo.yaml'];

ruleTable('llamafactory v1 training', v1Training, '/p/v1.yaml', [
  ['dynamic batching with max_steps', lines(...base, 'batching_strategy: dynamic_batching', 'max_steps: 10'), []],
  ['dynamic batching without max_steps', lines(...base, 'batching_strategy: dynamic_batching'), ['llamafactory/v1-dynamic-batching@5']],
  ['dynamic batching with save_epochs', lines(...base, 'batching_strategy: dynamic_batching', 'max_steps: 10', 'save_epochs: 1'), ['llamafactory/v1-dynamic-batching@7']],
  ['padding-free batching', lines(...base, 'batching_strategy: padding_free'), []],
]);
