import { trainerOptions } from '../../../../core/src/rules/trl/trainerOptions';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: m', 'dataset_name: d'];

ruleTable('trl trainer options', trainerOptions, '/p/sft.yaml', [
  ['bf16', lines(...base, 'bf16: true'), []],
  ['bf16 and fp16', lines(...base, 'bf16: true', 'fp16: true'), ['trl/bf16-and-fp16@4']],
  ['fp16 alone (bf16 defaults off then)', lines(...base, 'fp16: true'), []],
  ['padding-free with FlashAttention', lines(...base, 'padding_free: true', 'attn_implementation: flash_attention_2'), []],
  ['padding-free with SDPA', lines(...base, 'padding_free: true', 'attn_implementation: sdpa'), ['trl/padding-free-attention@3']],
  ['padding-free with the model default', lines(...base, 'padding_free: true'), ['trl/padding-free-attention@3']],
  ['the old bfd-requeue name', lines(...base, 'packing: true', 'packing_strategy: bfd-requeue'), ['trl/deprecated-value@4']],
]);
