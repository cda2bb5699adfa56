/** Optimizer and learning-rate schedule rules. */
import { fsdpOption, fsdpVersion, optimizerOf, usesFsdp, usesFsdp1 } from './facts';
import { removeKeyFix, replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const BNB_8BIT = ['adamw_8bit', 'adamw_bnb_8bit'];

export const optimizerRules = ruleFamily(
  {
    'axolotl/adam-params-unused': 'Adam hyperparameters with an optimizer that is not AdamW.',
    'axolotl/optimizer-needs-fsdp2': 'An optimizer that only works without DeepSpeed and with FSDP2.',
    'axolotl/q-galore-incompatible': '`q_galore_adamw8bit` with an adapter, DeepSpeed or an unsuitable FSDP setup.',
    'axolotl/q-galore-full-precision': '`q_galore_adamw8bit` without bf16/fp16.',
    'axolotl/warmup-steps-and-ratio': '`warmup_steps` and `warmup_ratio` both set.',
    'axolotl/fsdp-offload-8bit-optimizer': 'FSDP1 parameter offloading with an 8-bit optimizer.',
    'axolotl/fsdp2-bnb-8bit-optimizer': 'FSDP2 with a bitsandbytes 8-bit AdamW.',
    'axolotl/tensor-parallel-8bit-optimizer': 'Tensor parallelism with a bitsandbytes 8-bit optimizer.',
    'axolotl/lr-groups-with-loraplus': '`lr_groups` with `loraplus_lr_ratio`.',
  },
  [adamParams, distributedOptimizers, qGalore, warmup, fsdp8bit, tensorParallel, lrGroups],
);

function adamParams(c: AxolotlConfig): void {
  const key = c.firstOn(['adam_beta1', 'adam_beta2', 'adam_epsilon']);
  const optimizer = c.str('optimizer');
  if (key && optimizer && !optimizer.toLowerCase().includes('adamw')) {
    c.warn('axolotl/adam-params-unused', `\`${key}\` only affects AdamW optimizers; with \`optimizer: ${optimizer}\` axolotl warns and it likely has no effect.`, key);
  }
}

/** muon and the flash_* optimizers: no DeepSpeed, and FSDP only as version 2. */
function distributedOptimizers(c: AxolotlConfig): void {
  const optimizer = optimizerOf(c);
  if (optimizer !== 'muon' && !optimizer.startsWith('flash_')) return;
  if (c.on('deepspeed')) c.error('axolotl/optimizer-needs-fsdp2', `\`${optimizer}\` does not work with DeepSpeed; axolotl refuses the combination. Use FSDP2 (\`fsdp_version: 2\`) instead.`, 'optimizer', 'value');
  else if (usesFsdp1(c)) c.error('axolotl/optimizer-needs-fsdp2', `\`${optimizer}\` only works with FSDP2; axolotl refuses it with FSDP1. Set \`fsdp_version: 2\`.`, 'optimizer', 'value', [setKeyFix(c.ctx, 'fsdp_version', 2, true)]);
}

function qGalore(c: AxolotlConfig): void {
  if (c.get('optimizer') !== 'q_galore_adamw8bit') return;
  const conflict = c.on('adapter') ? 'an adapter (Q-GaLore is a full fine-tuning optimizer)' : c.on('deepspeed') ? 'DeepSpeed'
    : usesFsdp1(c) ? 'FSDP1 (use `fsdp_version: 2`)' : usesFsdp(c) && fsdpOption(c, 'use_orig_params') !== true ? 'FSDP without `fsdp_config.use_orig_params: true`' : undefined;
  if (conflict) c.error('axolotl/q-galore-incompatible', `axolotl refuses \`q_galore_adamw8bit\` with ${conflict}.`, 'optimizer', 'value');
  if (!c.on('bf16') && !c.on('fp16') && c.set('bf16')) c.warn('axolotl/q-galore-full-precision', 'Q-GaLore is meant for bf16/fp16 training; axolotl warns when neither is on.', 'optimizer', 'value');
}

function warmup(c: AxolotlConfig): void {
  if (c.on('warmup_steps') && c.on('warmup_ratio')) {
    c.error('axolotl/warmup-steps-and-ratio', 'Warm-up is given both in steps and as a ratio; axolotl refuses `warmup_steps` together with `warmup_ratio`. Keep one of them.', 'warmup_ratio', 'key',
      [removeKeyFix(c.ctx, 'warmup_ratio'), removeKeyFix(c.ctx, 'warmup_steps')]);
  }
}

function fsdp8bit(c: AxolotlConfig): void {
  const optimizer = c.str('optimizer');
  if (!optimizer?.includes('8bit') || !c.on('fsdp_config')) return;
  if (fsdpOption(c, 'offload_params') && fsdpVersion(c) !== '2') {
    c.error('axolotl/fsdp-offload-8bit-optimizer', `FSDP1 parameter offloading cannot hold the state of \`${optimizer}\`; axolotl refuses the combination. Use a 32-bit optimizer or FSDP2.`, 'optimizer', 'value');
  }
  if (fsdpVersion(c) === '2' && BNB_8BIT.includes(optimizer)) {
    c.error('axolotl/fsdp2-bnb-8bit-optimizer', `bitsandbytes' \`${optimizer}\` fails with CUDA errors under FSDP2; axolotl refuses it. Use \`adamw_torch_8bit\`.`, 'optimizer', 'value',
      [replaceValueFix(c.ctx, 'optimizer', 'adamw_torch_8bit', 'Change to `adamw_torch_8bit`', true)]);
  }
}

function tensorParallel(c: AxolotlConfig): void {
  const tp = c.num('tensor_parallel_size');
  const optimizer = c.str('optimizer');
  if (tp && tp > 1 && optimizer && ['paged_adamw_8bit', ...BNB_8BIT].includes(optimizer)) {
    c.error('axolotl/tensor-parallel-8bit-optimizer', `Tensor parallelism does not work with \`${optimizer}\`; axolotl refuses the combination. Use \`adamw_torch_8bit\` or a 32-bit optimizer.`, 'optimizer', 'value');
  }
}

function lrGroups(c: AxolotlConfig): void {
  if (c.on('lr_groups') && c.on('loraplus_lr_ratio')) {
    c.error('axolotl/lr-groups-with-loraplus', 'LoRA+ builds its own learning-rate groups; axolotl refuses `lr_groups` together with `loraplus_lr_ratio`. Keep one.', 'loraplus_lr_ratio');
  }
}
