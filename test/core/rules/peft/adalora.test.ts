import { config, table } from './table';

const ADALORA = '"peft_type": "ADALORA"';

table('adalora', [
  { name: 'a valid schedule: no issue', text: config(ADALORA, '"init_r": 12', '"target_r": 8', '"tinit": 200', '"tfinal": 500', '"total_step": 5000'), expect: [] },
  { name: 'total_step missing', text: config(ADALORA, '"init_r": 12'), expect: ['peft/adalora-total-step@2'], severities: { 'peft/adalora-total-step': 'error' } },
  { name: 'total_step null', text: config(ADALORA, '"total_step": null'), expect: ['peft/adalora-total-step@3'] },
  { name: 'total_step zero', text: config(ADALORA, '"total_step": 0'), expect: ['peft/adalora-total-step@3'] },
  { name: 'no budgeting phase left', text: config(ADALORA, '"tinit": 600', '"tfinal": 500', '"total_step": 1000'), expect: ['peft/adalora-no-budget-phase@3'], severities: { 'peft/adalora-no-budget-phase': 'error' } },
  { name: 'exactly no step left is still refused', text: config(ADALORA, '"tinit": 500', '"tfinal": 500', '"total_step": 1000'), expect: ['peft/adalora-no-budget-phase@3'] },
  { name: 'one budgeting step: fine', text: config(ADALORA, '"tinit": 499', '"tfinal": 500', '"total_step": 1000'), expect: [] },
  { name: 'r is ignored', text: config(ADALORA, '"r": 16', '"total_step": 100'), expect: ['peft/adalora-r-ignored@3'], severities: { 'peft/adalora-r-ignored': 'warning' } },
  { name: 'r at its default: fine', text: config(ADALORA, '"r": 8', '"total_step": 100'), expect: [] },
  { name: 'DoRA refused', text: config(ADALORA, '"use_dora": true', '"total_step": 100'), expect: ['peft/adalora-dora@3'] },
  { name: 'LoftQ refused', text: config(ADALORA, '"init_lora_weights": "loftq"', '"loftq_config": {"loftq_bits": 4}', '"total_step": 100'), expect: ['peft/adalora-loftq@4'] },
  { name: 'a stray loftq_config is emptied by LoRA first, so only warned', text: config(ADALORA, '"loftq_config": {"loftq_bits": 4}', '"total_step": 100'), expect: ['peft/loftq-config-ignored@3'] },
  { name: 'negative orth_reg_weight', text: config(ADALORA, '"orth_reg_weight": -0.1', '"total_step": 100'), expect: ['peft/adalora-orth-reg-negative@3'] },
  { name: 'LoRA layer rules apply too', text: config(ADALORA, '"target_modules": ".*proj"', '"layers_to_transform": [0]', '"total_step": 100'), expect: ['peft/string-targets-layers-to-transform@4'] },
  // PEFT 0.21 saves the rank allocator's keep-mask: one boolean per rank of init_r, per module.
  { name: 'a trained adapter keeps rank_pattern as keep-masks', text: config(ADALORA, '"init_r": 4', '"target_r": 2', '"total_step": 100', '"rank_pattern": {"base_model.model.model.layers.0.self_attn.q_proj.lora_E": [true, false, true, false], "base_model.model.model.layers.0.self_attn.v_proj.lora_E": [false, false, true, true]}'), expect: [] },
  { name: 'rank_pattern as ranks is not what AdaLoRA loads', text: config(ADALORA, '"total_step": 100', '"rank_pattern": {"q_proj": 8}'), expect: ['schema/wrong-type@4'] },
  { name: 'any init string is accepted by AdaLoRA\'s layers', text: config(ADALORA, '"init_lora_weights": "gaussian"', '"total_step": 100'), expect: [] },
]);
