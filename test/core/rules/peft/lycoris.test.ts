import { config, table } from './table';

table('lycoris', [
  { name: 'LoHa defaults: no issue', text: config('"peft_type": "LOHA"', '"r": 8', '"alpha": 8', '"rank_dropout": 0.0', '"module_dropout": 0.0', '"use_effective_conv2d": false'), expect: [] },
  { name: 'LoKr LyCORIS init: fine', text: config('"peft_type": "LOKR"', '"init_weights": "lycoris"', '"decompose_both": true', '"decompose_factor": -1'), expect: [] },
  { name: 'LoHa has no LyCORIS init', text: config('"peft_type": "LOHA"', '"init_weights": "lycoris"'), expect: ['schema/wrong-type@3'] },
  { name: 'LoKr unknown init string', text: config('"peft_type": "LOKR"', '"init_weights": "lycorys"'), expect: ['schema/invalid-value@3'] },
  { name: 'layers_pattern without layers_to_transform', text: config('"peft_type": "LOKR"', '"layers_pattern": "layers"'), expect: ['peft/layers-pattern-needs-layers@3'] },
  { name: 'a regex target with layers is not checked by LyCORIS', text: config('"peft_type": "LOHA"', '"target_modules": ".*proj"', '"layers_to_transform": [0]'), expect: [] },
  { name: 'LoKr uses alpha, not lora_alpha', text: config('"peft_type": "LOKR"', '"lora_alpha": 16'), expect: ['schema/unknown-key@3'] },
  { name: 'rank must be positive', text: config('"peft_type": "LOHA"', '"r": 0'), expect: ['schema/out-of-range@3'] },
]);
