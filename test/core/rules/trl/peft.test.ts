import { peft } from '../../../../core/src/rules/trl/peft';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen2.5-0.5B', 'dataset_name: trl-lib/Capybara'];

ruleTable('trl peft', peft, '/p/sft.yaml', [
  ['LoRA with all-linear', lines(...base, 'use_peft: true', 'lora_r: 32', 'lora_target_modules: [all-linear]'), []],
  ['LoRA keys without use_peft', lines(...base, 'lora_r: 32', 'lora_alpha: 16'), ['trl/lora-option-without-peft@3', 'trl/lora-option-without-peft@4']],
  ['LoRA keys with use_peft false', lines(...base, 'use_peft: false', 'lora_target_modules: [q_proj, v_proj]', 'use_dora: true'), ['trl/lora-option-without-peft@4', 'trl/lora-option-without-peft@5']],
  ['switched-off DoRA without use_peft is harmless', lines(...base, 'use_dora: false'), []],
  ['one target module becomes a regex', lines(...base, 'use_peft: true', 'lora_target_modules:', '- q_proj'), ['trl/single-target-module@5']],
  ['two target modules', lines(...base, 'use_peft: true', 'lora_target_modules: [q_proj, v_proj]'), []],
  ['a plain string is the user\'s own regex', lines(...base, 'use_peft: true', 'lora_target_modules: all-linear'), []],
  ['no target modules: PEFT default', lines(...base, 'use_peft: true'), ['trl/default-target-modules@3']],
]);

ruleTable('trl peft target strings', peft, '/p/sft.yaml', [
  ['comma-separated names', lines(...base, 'use_peft: true', 'lora_target_modules: q_proj,v_proj'), ['trl/target-modules-string@4']],
  ['all instead of all-linear', lines(...base, 'use_peft: true', 'lora_target_modules: all'), ['trl/target-modules-string@4']],
  ['a lone name', lines(...base, 'use_peft: true', 'lora_target_modules: q_proj'), ['trl/target-modules-string@4']],
  ['a real regular expression', lines(...base, 'use_peft: true', "lora_target_modules: '.*\\.(q|v)_proj'"), []],
  ['a full module path', lines(...base, 'use_peft: true', 'lora_target_modules: model.embed_tokens'), []],
]);
