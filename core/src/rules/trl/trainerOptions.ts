/** Trainer-config checks: precision exclusivity, padding-free attention, renamed or deprecated values. */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn } from '../rule';
import { removeKeyFix, replaceValueFix } from '../fixes';

const FLASH = ['flash_attention_2', 'flash_attention_3', 'kernels-community/flash-attn', 'kernels-community/vllm-flash-attn3', 'kernels-community/flash-attn3'];

export const trainerOptions: Rule = {
  codes: {
    'trl/bf16-and-fp16': '`bf16` and `fp16` both on.',
    'trl/padding-free-attention': '`padding_free` without a FlashAttention implementation.',
    'trl/deprecated-value': 'A value TRL renamed or deprecated.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    if (isOn(ctx, 'bf16') && isOn(ctx, 'fp16')) {
      r.report('trl/bf16-and-fp16', 'error', 'At most one of `bf16` and `fp16` can be on; transformers stops at start-up. (TRL turns `bf16` on by itself unless `fp16` is set.)', ['fp16'], 'key', [removeKeyFix(ctx, 'fp16')]);
    }
    const attn = ctx.config.attn_implementation;
    if (isOn(ctx, 'padding_free') && !(typeof attn === 'string' && FLASH.includes(attn))) {
      r.report('trl/padding-free-attention', 'warning', `Padding-free batches put several sequences in one row; only FlashAttention keeps them apart. With \`attn_implementation: ${attn ?? 'null (the model default)'}\` TRL only warns, and attention then leaks across examples. Set \`attn_implementation: flash_attention_2\`.`, ['padding_free']);
    }
    deprecatedValues(ctx, r);
    return r.issues;
  },
};

function deprecatedValues(ctx: RuleContext, r: Reporter): void {
  if (ctx.config.packing_strategy === 'bfd-requeue') {
    r.report('trl/deprecated-value', 'warning', '`bfd-requeue` was renamed `bfd_split`; TRL still maps it but warns that the old name will go. Use `bfd_split`.', ['packing_strategy'], 'value', [replaceValueFix(ctx, 'packing_strategy', 'bfd_split', 'Change to `bfd_split`', true)]);
  }
}
