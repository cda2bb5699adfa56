import { config, table } from './table';

table('prompt learning', [
  { name: 'prompt tuning, random init: no issue', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 20', '"task_type": "CAUSAL_LM"', '"prompt_tuning_init": "RANDOM"'), expect: [] },
  { name: 'num_virtual_tokens missing', text: config('"peft_type": "PROMPT_TUNING"', '"task_type": "CAUSAL_LM"'), expect: ['peft/missing-required-key@2'], severities: { 'peft/missing-required-key': 'error' } },
  { name: 'num_virtual_tokens null', text: config('"peft_type": "PREFIX_TUNING"', '"num_virtual_tokens": null'), expect: ['peft/missing-required-key@3'] },
  { name: 'TEXT init without tokenizer and text', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "TEXT"'), expect: ['peft/prompt-text-needs-tokenizer@4', 'peft/prompt-text-needs-text@4'] },
  { name: 'TEXT init with an empty tokenizer name', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "TEXT"', '"prompt_tuning_init_text": "Classify:"', '"tokenizer_name_or_path": ""'), expect: ['peft/prompt-text-needs-tokenizer@4'] },
  { name: 'TEXT init wired: fine', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "TEXT"', '"prompt_tuning_init_text": "Classify:"', '"tokenizer_name_or_path": "gpt2"', '"tokenizer_kwargs": {"use_fast": true}'), expect: [] },
  { name: 'tokenizer_kwargs without TEXT init', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 8', '"tokenizer_kwargs": {"use_fast": true}'), expect: ['peft/tokenizer-kwargs-without-text@4'] },
  { name: 'unknown init', text: config('"peft_type": "PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "text"'), expect: ['schema/invalid-value@4'] },
  { name: 'multitask TEXT rules are inherited', text: config('"peft_type": "MULTITASK_PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "TEXT"', '"prompt_tuning_init_text": "x"'), expect: ['peft/prompt-text-needs-tokenizer@4'] },
  { name: 'multitask source init without a checkpoint', text: config('"peft_type": "MULTITASK_PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "EXACT_SOURCE_TASK"'), expect: ['peft/multitask-source-needs-path@4'] },
  { name: 'multitask source init with a checkpoint: fine', text: config('"peft_type": "MULTITASK_PROMPT_TUNING"', '"num_virtual_tokens": 8', '"prompt_tuning_init": "AVERAGE_SOURCE_TASKS"', '"prompt_tuning_init_state_dict_path": "source/adapter_model.safetensors"', '"num_tasks": 4'), expect: [] },
  { name: 'P-tuning encoder type', text: config('"peft_type": "P_TUNING"', '"num_virtual_tokens": 20', '"encoder_reparameterization_type": "GRU"'), expect: ['schema/invalid-value@4'] },
  { name: 'prefix tuning zero init: fine', text: config('"peft_type": "PREFIX_TUNING"', '"num_virtual_tokens": 20', '"init_weights": "zero"', '"prefix_projection": true', '"encoder_hidden_size": 512'), expect: [] },
  { name: 'CPT without CAUSAL_LM', text: config('"peft_type": "CPT"', '"cpt_token_ids": [1, 2, 3]'), expect: ['peft/cpt-task-type@2'], severities: { 'peft/cpt-task-type': 'error' } },
  { name: 'CPT lengths differ', text: config('"peft_type": "CPT"', '"task_type": "CAUSAL_LM"', '"cpt_token_ids": [1, 2, 3]', '"cpt_mask": [1, 1, 1]', '"cpt_tokens_type_mask": [1, 2]'), expect: ['peft/cpt-length-mismatch@6'] },
  { name: 'CPT consistent: fine (num_virtual_tokens comes from the ids)', text: config('"peft_type": "CPT"', '"task_type": "CAUSAL_LM"', '"cpt_token_ids": [1, 2, 3]', '"cpt_mask": [1, 1, 1]'), expect: [] },
  { name: 'Cartridge frozen tokens beyond the prompt', text: config('"peft_type": "CARTRIDGE"', '"num_virtual_tokens": 4', '"num_frozen_tokens": 5'), expect: ['peft/cartridge-frozen-tokens@4'] },
  { name: 'Cartridge negative frozen tokens', text: config('"peft_type": "CARTRIDGE"', '"num_virtual_tokens": 4', '"num_frozen_tokens": -1'), expect: ['schema/out-of-range@4'] },
  { name: 'LLaMA-Adapter sizes missing', text: config('"peft_type": "ADAPTION_PROMPT"', '"adapter_len": 10'), expect: ['peft/missing-required-key@2'] },
  { name: 'prompt learning has no target_modules', text: config('"peft_type": "PREFIX_TUNING"', '"num_virtual_tokens": 20', '"target_modules": ["q_proj"]'), expect: ['schema/unknown-key@4'] },
]);
