import { evaluation } from '../../../../core/src/rules/llamafactory/evaluation';
import { lines, ruleTable } from '../ruleTable';

// The shape of LLaMA-Factory's examples/train_lora/llama3_lora_eval.yaml before 0.9.4.
const EVAL = ['model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct', 'adapter_name_or_path: saves/llama3-8b/lora/sft', 'finetuning_type: lora', 'task: mmlu_test', 'template: fewshot', 'lang: en', 'n_shot: 5', 'save_dir: saves/llama3-8b/lora/eval', 'batch_size: 4'];

ruleTable('llamafactory evaluation', evaluation, '/p/eval.yaml', [
  ['an eval config on the reference release', lines(...EVAL), ['llamafactory/eval-command-removed@4']],
  ['an eval config on 0.9.3, which still ran the command', lines('# peft-lens: llamafactory=0.9.3', ...EVAL), []],
  ['a train config with do_predict', lines('model_name_or_path: m', 'stage: sft', 'do_predict: true', 'eval_dataset: alpaca_en_demo', 'template: llama3', 'predict_with_generate: true'), []],
]);
