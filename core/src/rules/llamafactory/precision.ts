/** Mixed precision: transformers' own exclusivity check and LLaMA-Factory's precision advice. */
import type { Rule } from '../rule';
import { Reporter, isOn } from '../rule';
import { removeKeyFix } from '../fixes';

export const precision: Rule = {
  codes: {
    'llamafactory/bf16-and-fp16': '`bf16` and `fp16` both on.',
    'llamafactory/no-mixed-precision': 'Training in fp32 (no `bf16`, `fp16` or `pure_bf16`).',
    'llamafactory/fp8-all-gather': '`fp8_enable_fsdp_float8_all_gather` without `fp8`, which turns FP8 on.',
    'llamafactory/low-rank-optimizer-precision': 'GaLore/APOLLO with mixed precision, which LLaMA-Factory warns costs memory.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    if (isOn(ctx, 'bf16') && isOn(ctx, 'fp16')) {
      r.report('llamafactory/bf16-and-fp16', 'error', 'At most one of `bf16` and `fp16` can be on; transformers stops at start-up. Keep `bf16` on GPUs that support it.', ['fp16'], 'key', [removeKeyFix(ctx, 'fp16')]);
    }
    const training = isOn(ctx, 'do_train');
    if (training && !isOn(ctx, 'bf16') && !isOn(ctx, 'fp16') && !isOn(ctx, 'pure_bf16') && !isOn(ctx, 'fp8')) {
      r.report('llamafactory/no-mixed-precision', 'info', 'No `bf16` or `fp16`: training runs in fp32, which roughly doubles activation memory and is much slower. LLaMA-Factory recommends `bf16: true` (or `fp16: true` on older GPUs).', ['do_train']);
    }
    if (isOn(ctx, 'fp8_enable_fsdp_float8_all_gather') && !isOn(ctx, 'fp8')) {
      r.report('llamafactory/fp8-all-gather', 'warning', '`fp8_enable_fsdp_float8_all_gather` needs FP8, so LLaMA-Factory turns `fp8` on by itself. Set `fp8: true` explicitly (or drop the all-gather option).', ['fp8_enable_fsdp_float8_all_gather']);
    }
    if (training && (isOn(ctx, 'use_galore') || isOn(ctx, 'use_apollo')) && !isOn(ctx, 'pure_bf16')) {
      r.report('llamafactory/low-rank-optimizer-precision', 'info', 'LLaMA-Factory warns that GaLore/APOLLO with mixed precision keeps fp32 master weights and may use much more GPU memory; `pure_bf16: true` avoids that.', [isOn(ctx, 'use_galore') ? 'use_galore' : 'use_apollo']);
    }
    return r.issues;
  },
};
