import { config, table } from './table';

table('peft type', [
  { name: 'a known type and base keys: no issue', text: config('"peft_type": "LORA"', '"task_type": "CAUSAL_LM"', '"base_model_name_or_path": "meta-llama/Llama-3.2-1B"', '"revision": null', '"inference_mode": true', '"auto_mapping": null', '"peft_version": "0.18.0"'), expect: [] },
  { name: 'missing peft_type', text: config('"r": 8', '"lora_alpha": 16'), expect: ['peft/missing-peft-type@2'], severities: { 'peft/missing-peft-type': 'error' } },
  { name: 'unknown peft_type, did-you-mean', text: config('"r": 8', '"peft_type": "LORRA"'), expect: ['schema/invalid-value@3'], severities: { 'schema/invalid-value': 'error' } },
  { name: 'lower-case peft_type is not a PEFT type', text: config('"peft_type": "lora"'), expect: ['schema/invalid-value@2'] },
  { name: 'peft_type null', text: config('"peft_type": null'), expect: ['schema/wrong-type@2'], severities: { 'schema/wrong-type': 'error' } },
  { name: 'removed Bone', text: config('"peft_type": "BONE"', '"r": 64', '"init_weights": "bat"'), expect: ['peft/removed-peft-type@2'], severities: { 'peft/removed-peft-type': 'error' } },
  { name: 'saved runtime_config', text: config('"peft_type": "LORA"', '"runtime_config": {"ephemeral_gpu_offload": false}'), expect: ['peft/runtime-config-in-file@3'], severities: { 'peft/runtime-config-in-file': 'warning' } },
  { name: 'invalid task_type', text: config('"peft_type": "IA3"', '"task_type": "CAUSAL"'), expect: ['schema/invalid-value@3'], severities: { 'schema/invalid-value': 'error' } },
  { name: 'unknown key is a warning with did-you-mean', text: config('"peft_type": "LORA"', '"lora_alhpa": 16'), expect: ['schema/unknown-key@3'], severities: { 'schema/unknown-key': 'warning' } },
  { name: 'a key of another method is unknown here', text: config('"peft_type": "IA3"', '"r": 8'), expect: ['schema/unknown-key@3'] },
  { name: 'legacy LoRA keys of PEFT < 0.3 are deprecated', text: config('"peft_type": "LORA"', '"enable_lora": null', '"merge_weights": false'), expect: ['schema/deprecated-key@3', 'schema/deprecated-key@4'], severities: { 'schema/deprecated-key': 'warning' } },
]);
