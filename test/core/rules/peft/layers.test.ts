import { config, table } from './table';

table('layers', [
  { name: 'layers_to_transform with a list and a pattern: fine', text: config('"peft_type": "LORA"', '"target_modules": ["q_proj", "v_proj"]', '"layers_to_transform": [0, 1]', '"layers_pattern": "layers"'), expect: [] },
  { name: 'layers_pattern without layers_to_transform', text: config('"peft_type": "LORA"', '"target_modules": ["q_proj"]', '"layers_pattern": "layers"'), expect: ['peft/layers-pattern-needs-layers@4'], severities: { 'peft/layers-pattern-needs-layers': 'error' } },
  { name: 'layers_to_transform 0 counts as unset for the pattern check', text: config('"peft_type": "LOHA"', '"layers_to_transform": 0', '"layers_pattern": ["layers"]'), expect: ['peft/layers-pattern-needs-layers@4'] },
  { name: 'regex target with layers_to_transform', text: config('"peft_type": "LORA"', '"target_modules": ".*q_proj"', '"layers_to_transform": 3'), expect: ['peft/string-targets-layers-to-transform@4'] },
  { name: 'regex target with both', text: config('"peft_type": "FOURIERFT"', '"target_modules": ".*q_proj"', '"layers_to_transform": [3]', '"layers_pattern": "layers"'), expect: ['peft/string-targets-layers-to-transform@4', 'peft/string-targets-layers-pattern@5'] },
  { name: 'MiSS checks strings but not a lone pattern', text: config('"peft_type": "MISS"', '"layers_pattern": "layers"'), expect: [] },
  { name: 'MiSS regex target with layers_to_transform', text: config('"peft_type": "MISS"', '"target_modules": ".*proj"', '"layers_to_transform": [1]'), expect: ['peft/string-targets-layers-to-transform@4'] },
  { name: 'DeLoRA: string + layers, and pattern without layers', text: config('"peft_type": "DELORA"', '"target_modules": ".*proj"', '"layers_pattern": "layers"'), expect: ['peft/layers-pattern-needs-layers@4'] },
  { name: 'Poly has no layer keys at all', text: config('"peft_type": "POLY"', '"layers_pattern": "layers"'), expect: ['schema/unknown-key@3'] },
  { name: 'GraLoRA runs no layer checks', text: config('"peft_type": "GRALORA"', '"target_modules": ".*proj"', '"layers_to_transform": [1]'), expect: [] },
  { name: 'all-linear as a string: fine', text: config('"peft_type": "LORA"', '"target_modules": "all-linear"'), expect: [] },
  { name: 'all-linear inside a list', text: '{\n  "peft_type": "LORA",\n  "target_modules": [\n    "all-linear"\n  ]\n}\n', expect: ['peft/all-linear-in-list@4'], severities: { 'peft/all-linear-in-list': 'warning' } },
  { name: 'a plain name as a string target', text: config('"peft_type": "VERA"', '"target_modules": "q_proj"'), expect: ['peft/string-targets-plain-name@3'], severities: { 'peft/string-targets-plain-name': 'warning' } },
  { name: 'a real regular expression: fine', text: config('"peft_type": "LORA"', '"target_modules": "model.layers.\\\\d+.self_attn.(q|v)_proj"'), expect: [] },
  { name: 'LLaMA-Adapter target is one submodule name: fine', text: config('"peft_type": "ADAPTION_PROMPT"', '"target_modules": "self_attn"', '"adapter_len": 10', '"adapter_layers": 30'), expect: [] },
  { name: 'an empty target list adapts nothing', text: config('"peft_type": "LORA"', '"target_modules": []'), expect: ['peft/no-targets@3'], severities: { 'peft/no-targets': 'error' } },
  { name: 'an empty target list with target_parameters: fine', text: config('"peft_type": "LORA"', '"target_modules": []', '"target_parameters": ["mlp.experts.down_proj"]'), expect: [] },
  { name: 'PEFT\'s dummy target for modules_to_save-only adapters: fine', text: config('"peft_type": "LORA"', '"target_modules": "dummy-target-modules"', '"modules_to_save": ["score"]'), expect: [] },
  { name: 'wrong target_modules type is an error', text: config('"peft_type": "LORA"', '"target_modules": 7'), expect: ['schema/wrong-type@3'], severities: { 'schema/wrong-type': 'error' } },
  { name: 'layers_to_transform must be integers', text: config('"peft_type": "LORA"', '"target_modules": ["q_proj"]', '"layers_to_transform": "0-3"'), expect: ['schema/wrong-type@4'] },
]);
