import { distributed } from '../../../../core/src/rules/llamafactory/distributed';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: llama3'];

ruleTable('llamafactory distributed', distributed, '/p/lf.yaml', [
  ['ZeRO-3 with pure bf16', lines(...base, 'finetuning_type: full', 'deepspeed: examples/deepspeed/ds_z3_config.json', 'pure_bf16: true'), ['llamafactory/zero3-conflict@8']],
  ['ZeRO-2 with pure bf16', lines(...base, 'finetuning_type: full', 'deepspeed: examples/deepspeed/ds_z2_config.json', 'pure_bf16: true'), []],
  ['inline ZeRO-3 config with Unsloth', lines(...base, 'deepspeed:', '  zero_optimization:', '    stage: 3', 'use_unsloth: true'), ['llamafactory/zero3-conflict@9']],
  ['offload ZeRO-3 file with PiSSA', lines(...base, 'deepspeed: ds_z3_offload_config.json', 'pissa_init: true'), ['llamafactory/zero3-conflict@7']],
  ['GaLore with DeepSpeed', lines(...base, 'finetuning_type: full', 'use_galore: true', 'deepspeed: ds_z2_config.json'), ['llamafactory/deepspeed-optimizer@7']],
  ['ratio BAdam with DeepSpeed', lines(...base, 'finetuning_type: full', 'use_badam: true', 'badam_mode: ratio', 'deepspeed: ds_z3_config.json'), ['llamafactory/deepspeed-optimizer@8']],
  ['layer BAdam with ZeRO-2', lines(...base, 'finetuning_type: full', 'use_badam: true', 'deepspeed: ds_z2_config.json'), ['llamafactory/deepspeed-optimizer@8']],
  ['layer BAdam with ZeRO-3', lines(...base, 'finetuning_type: full', 'use_badam: true', 'deepspeed: ds_z3_config.json'), []],
  ['layer BAdam on one GPU', lines(...base, 'finetuning_type: full', 'use_badam: true', 'badam_mode: layer'), []],
  ['layer-wise GaLore with accumulation', lines(...base, 'finetuning_type: full', 'use_galore: true', 'galore_layerwise: true', 'gradient_accumulation_steps: 8'), ['llamafactory/layerwise-accumulation@9']],
  ['layer-wise GaLore without accumulation', lines(...base, 'finetuning_type: full', 'use_galore: true', 'galore_layerwise: true', 'gradient_accumulation_steps: 1'), []],
  ['vLLM backend in a training config', lines(...base, 'infer_backend: vllm'), ['llamafactory/infer-backend-training@6']],
  ['vLLM backend for chat', lines('model_name_or_path: m', 'template: llama3', 'infer_backend: vllm'), []],
]);
