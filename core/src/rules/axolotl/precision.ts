/** Mixed-precision rules (bf16/fp16/fp8, BetterTransformer, fp32 norms). */
import { attentionOf, fsdpVersion, FLASH_ATTENTION } from './facts';
import { removeKeyFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const precisionRules = ruleFamily(
  {
    'axolotl/bf16-and-fp16': '`bf16: true` and `fp16: true` together.',
    'axolotl/fp8-all-gather-needs-fsdp2': '`fp8_enable_fsdp_float8_all_gather` without `fsdp_version: 2`.',
    'axolotl/fp8-without-compile': '`fp8` without `torch_compile`.',
    'axolotl/flash-optimum-with-amp': '`flash_optimum` (BetterTransformer) with fp16/bf16 mixed precision.',
    'axolotl/fp32-norms-needs-fsdp2': '`fp32_norms` without FSDP2.',
    'axolotl/fp32-norm-classes-unused': '`fp32_norm_classes` without `fp32_norms`.',
    'axolotl/fp16-full-finetune-packing': 'Full fine-tuning in fp16 with packing and no flash attention.',
  },
  [bothHalf, fp8, betterTransformer, fp32Norms, fp16FullFinetune],
);

function bothHalf(c: AxolotlConfig): void {
  if (c.bool('bf16') === true && c.bool('fp16') === true) {
    c.error('axolotl/bf16-and-fp16', 'Only one mixed-precision mode can be on; transformers refuses `bf16` and `fp16` together. Remove `fp16` (bf16 is the better choice on Ampere or newer GPUs).', 'fp16', 'key', [removeKeyFix(c.ctx, 'fp16', true)]);
  }
}

function fp8(c: AxolotlConfig): void {
  if (c.on('fp8_enable_fsdp_float8_all_gather') && fsdpVersion(c) !== '2') {
    c.error('axolotl/fp8-all-gather-needs-fsdp2', 'FP8 all-gather is an FSDP2 feature; axolotl refuses `fp8_enable_fsdp_float8_all_gather` without `fsdp_version: 2`.', 'fp8_enable_fsdp_float8_all_gather', 'key', [setKeyFix(c.ctx, 'fsdp_version', 2)]);
  }
  if (c.on('fp8') && !c.on('torch_compile')) {
    c.info('axolotl/fp8-without-compile', 'FP8 training is only faster under torch.compile; axolotl strongly recommends `torch_compile: true` with `fp8`.', 'fp8', 'key', [setKeyFix(c.ctx, 'torch_compile', true)]);
  }
}

function betterTransformer(c: AxolotlConfig): void {
  if (c.bool('flash_optimum') !== true) return;
  // bf16 defaults to `auto`, which is truthy when axolotl checks it: only an explicit false avoids the error.
  const amp = c.bool('fp16') ? 'fp16' : c.bool('bf16') === false ? undefined : 'bf16';
  if (amp) {
    const hint = amp === 'bf16' && !c.set('bf16') ? ' (`bf16` defaults to `auto`)' : '';
    c.error('axolotl/flash-optimum-with-amp', `BetterTransformer (\`flash_optimum\`) does not support mixed precision; axolotl refuses it with \`${amp}\`${hint}. Set \`${amp}: false\` and load in half precision with \`bfloat16: true\` or \`float16: true\`.`, 'flash_optimum', 'key', [setKeyFix(c.ctx, amp, false)]);
  }
}

function fp32Norms(c: AxolotlConfig): void {
  if (c.on('fp32_norms') && (!c.on('fsdp_config') || fsdpVersion(c) !== '2')) {
    c.error('axolotl/fp32-norms-needs-fsdp2', 'Keeping norms in fp32 is done by FSDP2\'s mixed-precision policy; axolotl refuses `fp32_norms` without `fsdp_config` and `fsdp_version: 2`.', 'fp32_norms');
  }
  if (c.on('fp32_norm_classes') && !c.on('fp32_norms')) {
    c.warn('axolotl/fp32-norm-classes-unused', '`fp32_norm_classes` only applies with `fp32_norms: true`; axolotl ignores it otherwise.', 'fp32_norm_classes');
  }
}

function fp16FullFinetune(c: AxolotlConfig): void {
  const half = c.bool('fp16') || c.bool('float16');
  // An absent bf16 is `auto`, which axolotl's check treats as on.
  const bf = c.get('bf16') === undefined || c.get('bf16') === 'auto' || c.bool('bf16') || c.bool('bfloat16');
  const attn = attentionOf(c);
  if (half && !bf && !c.on('adapter') && c.on('sample_packing') && !(attn && FLASH_ATTENTION.has(attn))) {
    c.warn('axolotl/fp16-full-finetune-packing', 'Full fine-tuning in fp16 with sample packing and without flash attention usually fails with dtype errors (axolotl warns). Use LoRA, bf16, or `attn_implementation: flash_attention_2`.', c.on('fp16') ? 'fp16' : 'float16');
  }
}
