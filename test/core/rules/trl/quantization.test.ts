import { quantization } from '../../../../core/src/rules/trl/quantization';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen2.5-0.5B', 'dataset_name: trl-lib/Capybara'];

ruleTable('trl quantization', quantization, '/p/sft.yaml', [
  ['QLoRA', lines(...base, 'use_peft: true', 'load_in_4bit: true', 'bnb_4bit_quant_type: nf4', 'use_bnb_nested_quant: true'), []],
  ['4-bit and 8-bit', lines(...base, 'use_peft: true', 'load_in_4bit: true', 'load_in_8bit: true'), ['trl/4bit-and-8bit@5']],
  ['4-bit without PEFT', lines(...base, 'load_in_4bit: true'), ['trl/quantization-without-peft@3']],
  ['8-bit with use_peft false', lines(...base, 'use_peft: false', 'load_in_8bit: true'), ['trl/quantization-without-peft@4']],
  ['4-bit options without 4-bit loading', lines(...base, 'use_peft: true', 'bnb_4bit_quant_type: fp4', 'use_bnb_nested_quant: true'), ['trl/bnb-option-without-4bit@4', 'trl/bnb-option-without-4bit@5']],
  ['nested quantization switched off is harmless', lines(...base, 'use_bnb_nested_quant: false'), []],
]);
