import { config, table } from './table';

table('ia3', [
  { name: 'feed-forward modules are targeted: no issue', text: config('"peft_type": "IA3"', '"target_modules": ["k_proj", "v_proj", "down_proj"]', '"feedforward_modules": ["down_proj"]'), expect: [] },
  { name: 'a feed-forward module that is not targeted', text: config('"peft_type": "IA3"', '"target_modules": ["k_proj", "v_proj"]', '"feedforward_modules": ["down_proj"]'), expect: ['peft/ia3-feedforward-not-subset@4'], severities: { 'peft/ia3-feedforward-not-subset': 'error' } },
  { name: 'a regex target is not compared', text: config('"peft_type": "IA3"', '"target_modules": ".*(k_proj|down_proj)"', '"feedforward_modules": ["down_proj"]'), expect: [] },
  { name: 'both null use the architecture defaults', text: config('"peft_type": "IA3"', '"target_modules": null', '"feedforward_modules": null'), expect: [] },
  { name: 'IA3 has no rank', text: config('"peft_type": "IA3"', '"r": 8', '"init_ia3_weights": true'), expect: ['schema/unknown-key@3'] },
]);
