import { ktransformers } from '../../../../core/src/rules/llamafactory/ktransformers';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen3-30B-A3B', 'stage: sft', 'do_train: true', 'dataset: a', 'template: qwen3'];

ruleTable('llamafactory ktransformers', ktransformers, '/p/lf.yaml', [
  ['KT LoRA with retained activations', lines(...base, 'use_kt: true', 'kt_cpu_activation: retain'), []],
  ['kt_cpu_activation without use_kt', lines(...base, 'kt_cpu_activation: retain'), ['llamafactory/kt-option-without-kt@6']],
  ['KT with Unsloth and a second checkpointing wrapper', lines(...base, 'use_kt: true', 'use_unsloth: true', 'gradient_checkpointing: true'), ['llamafactory/kt-conflict@7', 'llamafactory/kt-conflict@8']],
  ['KT with OFT', lines(...base, 'use_kt: true', 'finetuning_type: oft'), ['llamafactory/kt-conflict@6']],
  ['recompute without checkpointing', lines(...base, 'use_kt: true', 'disable_gradient_checkpointing: true', 'kt_cpu_activation: recompute'), ['llamafactory/kt-activation@8']],
  ['INT8 experts without their paths', lines(...base, 'use_kt: true', 'kt_config:', '  kt_expert_weight_format: int8'), ['llamafactory/kt-int8@8', 'llamafactory/kt-int8@8']],
  ['INT8 experts with their paths', lines(...base, 'use_kt: true', 'kt_weight_path: /w', 'kt_non_expert_weight_path: /n', 'kt_config:', '  kt_expert_weight_format: INT8'), []],
  ['non-expert cache without INT8', lines(...base, 'use_kt: true', 'kt_non_expert_weight_path: /n'), ['llamafactory/kt-int8@7']],
]);
