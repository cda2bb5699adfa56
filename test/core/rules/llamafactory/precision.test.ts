import { precision } from '../../../../core/src/rules/llamafactory/precision';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: llama3'];

ruleTable('llamafactory precision', precision, '/p/lf.yaml', [
  ['bf16 training', lines(...base, 'bf16: true'), []],
  ['bf16 and fp16', lines(...base, 'bf16: true', 'fp16: true'), ['llamafactory/bf16-and-fp16@7']],
  ['fp32 training', lines(...base), ['llamafactory/no-mixed-precision@3']],
  ['pure bf16 training', lines(...base, 'pure_bf16: true'), []],
  ['FP8 all-gather without FP8', lines(...base, 'bf16: true', 'fp8_enable_fsdp_float8_all_gather: true'), ['llamafactory/fp8-all-gather@7']],
  ['GaLore with mixed precision', lines(...base, 'finetuning_type: full', 'bf16: true', 'use_galore: true'), ['llamafactory/low-rank-optimizer-precision@8']],
  ['GaLore in pure bf16', lines(...base, 'finetuning_type: full', 'pure_bf16: true', 'use_galore: true'), []],
]);
