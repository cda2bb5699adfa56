/** KTransformers (`use_kt`) MoE training: the checks of KTransformersArguments. */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet } from '../rule';
import { removeKeyFix } from '../fixes';
import { setting } from './helpers';

export const ktransformers: Rule = {
  codes: {
    'llamafactory/kt-option-without-kt': '`kt_cpu_activation` without `use_kt: true`.',
    'llamafactory/kt-conflict': 'An option KTransformers training refuses (Unsloth, a second checkpointing wrapper, OFT).',
    'llamafactory/kt-activation': '`kt_cpu_activation: recompute` with gradient checkpointing disabled.',
    'llamafactory/kt-int8': 'Routed INT8 experts without the paths or method they need.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    if (!isOn(ctx, 'use_kt')) {
      if (isSet(ctx, 'kt_cpu_activation')) {
        r.report('llamafactory/kt-option-without-kt', 'error', '`kt_cpu_activation` is only valid with `use_kt: true`; LLaMA-Factory stops. Remove it or enable KTransformers.', ['kt_cpu_activation'], 'key', [removeKeyFix(ctx, 'kt_cpu_activation')]);
      }
      return r.issues;
    }
    conflicts(ctx, r);
    if (ctx.config.kt_cpu_activation === 'recompute' && isOn(ctx, 'disable_gradient_checkpointing')) {
      r.report('llamafactory/kt-activation', 'error', '`kt_cpu_activation: recompute` needs GPU gradient checkpointing, which `disable_gradient_checkpointing` turns off; LLaMA-Factory stops. Use `kt_cpu_activation: retain` or enable checkpointing.', ['kt_cpu_activation'], 'value');
    }
    int8(ctx, r);
    return r.issues;
  },
};

function conflicts(ctx: RuleContext, r: Reporter): void {
  const err = (key: string, text: string) => r.report('llamafactory/kt-conflict', 'error', text, [key], 'key', [removeKeyFix(ctx, key)]);
  if (isOn(ctx, 'use_unsloth')) err('use_unsloth', 'KTransformers does not support Unsloth\'s checkpoint wrapping; LLaMA-Factory stops. Remove `use_unsloth`.');
  if (isOn(ctx, 'use_unsloth_gc')) err('use_unsloth_gc', 'KTransformers does not support `use_unsloth_gc`; LLaMA-Factory stops. Remove it.');
  if (isOn(ctx, 'gradient_checkpointing')) err('gradient_checkpointing', 'With KTransformers, gradient checkpointing is controlled by `disable_gradient_checkpointing` only; `gradient_checkpointing: true` would install a second wrapper and LLaMA-Factory stops. Remove it.');
  if (isSet(ctx, 'gradient_checkpointing_kwargs')) err('gradient_checkpointing_kwargs', 'KTransformers manages its checkpoint context itself; LLaMA-Factory stops on `gradient_checkpointing_kwargs`. Remove it.');
  const method = String(setting(ctx, 'finetuning_type'));
  if (method === 'oft') r.report('llamafactory/kt-conflict', 'error', 'KTransformers trains full, freeze or LoRA, not OFT; LLaMA-Factory stops.', ['use_kt']);
}

function int8(ctx: RuleContext, r: Reporter): void {
  const kt = ctx.config.kt_config;
  const format = kt && typeof kt === 'object' ? String((kt as Record<string, unknown>).kt_expert_weight_format ?? '').trim().toLowerCase() : '';
  if (format === 'int8') {
    for (const key of ['kt_weight_path', 'kt_non_expert_weight_path']) {
      if (!isSet(ctx, key)) r.report('llamafactory/kt-int8', 'error', `Routed INT8 experts (\`kt_expert_weight_format: int8\`) need \`${key}\`; LLaMA-Factory stops without it.`, ['kt_config', 'kt_expert_weight_format'], 'value');
    }
    const method = String(setting(ctx, 'finetuning_type'));
    if (method !== 'lora') r.report('llamafactory/kt-int8', 'error', `Routed INT8 experts only support LoRA on a frozen base, not \`finetuning_type: ${method}\`; LLaMA-Factory stops.`, ['kt_config', 'kt_expert_weight_format'], 'value');
  } else if (isSet(ctx, 'kt_non_expert_weight_path')) {
    r.report('llamafactory/kt-int8', 'error', '`kt_non_expert_weight_path` is only valid with `kt_expert_weight_format: int8` in `kt_config`; LLaMA-Factory stops.', ['kt_non_expert_weight_path']);
  }
}
