/** What the LLaMA-Factory rules share: defaults of the argument classes and readers of derived settings. */
import { zeroStage as zeroStageOf } from '../../formats/sharding';
import type { Rule, RuleContext } from '../rule';
import { truthy } from '../rule';

/** Defaults of the keys rules compare (argument-class defaults). */
const DEFAULTS: Record<string, unknown> = {
  finetuning_type: 'lora',
  stage: 'sft',
  quantization_method: 'bnb',
  val_size: 0,
  max_steps: -1,
  mix_strategy: 'concat',
  pref_loss: 'sigmoid',
  reward_model_type: 'lora',
  badam_mode: 'layer',
  infer_backend: 'huggingface',
};

/** The value LLaMA-Factory would use: the file's, else the dataclass default. */
export function setting(ctx: RuleContext, key: string): unknown {
  const v = ctx.config[key];
  return v === undefined || v === null ? DEFAULTS[key] : v;
}

/** The DeepSpeed ZeRO stage, from an inline config or read off the file name (`ds_z3_config.json`). */
export function zeroStage(ctx: RuleContext): number | undefined {
  return zeroStageOf(ctx.config.deepspeed);
}

export function usesFsdp(ctx: RuleContext): boolean {
  return truthy(ctx.config.fsdp) || truthy(ctx.config.fsdp_config);
}

/** The items of a comma-separated option (LLaMA-Factory splits strings on commas, keeps lists). */
export function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return [];
}

/** Restricts a rule to one of the two LLaMA-Factory layouts. */
export function onlyWhen(test: (ctx: RuleContext) => boolean, rule: Rule): Rule {
  return { codes: rule.codes, check: (ctx) => (test(ctx) ? rule.check(ctx) : []) };
}
