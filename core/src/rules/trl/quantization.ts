/** bitsandbytes loading (ModelConfig.__post_init__, get_quantization_config) and the Trainer's refusal to train a quantized base. */
import type { Rule } from '../rule';
import { Reporter, isOn, present } from '../rule';
import { removeKeyFix } from '../fixes';

const BNB_4BIT_OPTIONS = ['bnb_4bit_quant_type', 'use_bnb_nested_quant', 'bnb_4bit_quant_storage'];

export const quantization: Rule = {
  codes: {
    'trl/4bit-and-8bit': '`load_in_4bit` and `load_in_8bit` both on.',
    'trl/quantization-without-peft': 'A quantized base model without `use_peft`, which transformers refuses to train.',
    'trl/bnb-option-without-4bit': 'A 4-bit bitsandbytes option without `load_in_4bit`, so it is ignored.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const four = isOn(ctx, 'load_in_4bit');
    const eight = isOn(ctx, 'load_in_8bit');
    if (four && eight) {
      r.report('trl/4bit-and-8bit', 'error', 'TRL refuses 8-bit and 4-bit loading at the same time ("You can\'t use 8 bit and 4 bit precision at the same time"). Keep `load_in_4bit` for QLoRA.', ['load_in_8bit'], 'key', [removeKeyFix(ctx, 'load_in_8bit')]);
    }
    const quantKey = four ? 'load_in_4bit' : eight ? 'load_in_8bit' : undefined;
    if (quantKey && !isOn(ctx, 'use_peft')) {
      r.report('trl/quantization-without-peft', 'error', `\`${quantKey}\` loads a quantized base model, but without \`use_peft: true\` there is no adapter to train: transformers stops ("You cannot perform fine-tuning on purely quantized models"). Add \`use_peft: true\` or remove \`${quantKey}\`.`, [quantKey]);
    }
    if (!four) {
      for (const key of present(ctx, BNB_4BIT_OPTIONS)) {
        if (key === 'use_bnb_nested_quant' && !isOn(ctx, key)) continue;
        r.report('trl/bnb-option-without-4bit', 'warning', `\`${key}\` only configures 4-bit loading; without \`load_in_4bit: true\` TRL ignores it.`, [key], 'key', [removeKeyFix(ctx, key)]);
      }
    }
    return r.issues;
  },
};
