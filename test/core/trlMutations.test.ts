import { mutationTests } from './mutations';

mutationTests('trl', [
  'trl/examples/cli_configs/example_config.yaml',
  'trl-alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml',
  'trl-alignment-handbook/recipes/zephyr-7b-beta/dpo/config_qlora.yaml',
  'trl-alignment-handbook/recipes/smollm2/sft/config.yaml',
  'trl-alignment-handbook/recipes/smollm3/dpo/apo.yaml',
]);
