/** Training-stage requirements (FinetuningArguments.__post_init__ and get_train_args). */
import type { Path } from '../../parse/tree';
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet, writtenOr } from '../rule';
import { removeKeyFix } from '../fixes';
import { listOf, setting } from './helpers';

const SFT_ONLY = ['predict_with_generate', 'neat_packing', 'train_on_prompt', 'mask_history'];
const PPO_LOGGERS = ['wandb', 'tensorboard', 'trackio', 'none'];

export const stage: Rule = {
  codes: {
    'llamafactory/sft-only-option': 'An option that only supervised fine-tuning supports, with another stage.',
    'llamafactory/predict-needs-generate': '`do_predict` in SFT without `predict_with_generate`.',
    'llamafactory/best-model-stage': '`load_best_model_at_end` with the rm or ppo stage.',
    'llamafactory/ppo-requirement': 'A PPO requirement that is not met (reward model, training, logger, S²-Attn, Unsloth).',
    'llamafactory/dpo-label-smoothing': 'DPO label smoothing with a loss other than sigmoid.',
    'llamafactory/pissa-stage': 'PiSSA initialisation with a stage that uses a reference model.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const st = String(setting(ctx, 'stage'));
    if (st !== 'sft') {
      for (const key of SFT_ONLY.filter((k) => isOn(ctx, k))) {
        r.report('llamafactory/sft-only-option', 'error', `\`${key}\` is only supported by \`stage: sft\`; with \`stage: ${st}\` LLaMA-Factory stops at start-up. Remove it.`, [key], 'key', [removeKeyFix(ctx, key)]);
      }
    } else if (isOn(ctx, 'do_predict') && !isOn(ctx, 'predict_with_generate')) {
      r.report('llamafactory/predict-needs-generate', 'error', 'SFT prediction saves generated text, so LLaMA-Factory requires `predict_with_generate: true` with `do_predict`. Add it.', ['do_predict']);
    }
    if ((st === 'rm' || st === 'ppo') && isOn(ctx, 'load_best_model_at_end')) {
      r.report('llamafactory/best-model-stage', 'error', `The ${st} stage does not support \`load_best_model_at_end\`; LLaMA-Factory stops. Remove it.`, ['load_best_model_at_end'], 'key', [removeKeyFix(ctx, 'load_best_model_at_end')]);
    }
    if (st === 'ppo') ppo(ctx, r);
    dpo(ctx, r, st);
    return r.issues;
  },
};

function ppo(ctx: RuleContext, r: Reporter): void {
  const err = (path: string | Path, text: string) => r.report('llamafactory/ppo-requirement', 'error', text, typeof path === 'string' ? [path] : path);
  if (!isSet(ctx, 'reward_model')) err('stage', 'PPO needs a reward model: LLaMA-Factory stops without `reward_model`. Add `reward_model: <path or id>`.');
  const method = String(setting(ctx, 'finetuning_type'));
  const rmType = String(setting(ctx, 'reward_model_type'));
  if (rmType === 'lora' && method !== 'lora') err(writtenOr(ctx.config, 'reward_model_type', 'stage'), `A LoRA reward model (\`reward_model_type: lora\`, the default) only works with LoRA training; with \`finetuning_type: ${method}\` LLaMA-Factory stops. Use \`reward_model_type: full\`.`);
  if (rmType === 'lora' && isOn(ctx, 'use_unsloth')) err('use_unsloth', 'Unsloth does not support a LoRA reward model in PPO; LLaMA-Factory stops. Remove `use_unsloth` or use `reward_model_type: full`.');
  if (!isOn(ctx, 'do_train')) err(writtenOr(ctx.config, 'do_train', 'stage'), 'PPO only trains (evaluate with the sft stage); LLaMA-Factory stops without `do_train: true`.');
  if (isOn(ctx, 'shift_attn')) err('shift_attn', 'PPO is incompatible with S²-Attn; LLaMA-Factory stops. Remove `shift_attn`.');
  const loggers = listOf(ctx.config.report_to);
  if (loggers.length && !PPO_LOGGERS.includes(loggers[0])) err('report_to', `PPO only logs to wandb, tensorboard or trackio; \`report_to: ${loggers[0]}\` makes LLaMA-Factory stop.`);
}

function dpo(ctx: RuleContext, r: Reporter, st: string): void {
  const loss = String(setting(ctx, 'pref_loss'));
  const smoothing = ctx.config.dpo_label_smoothing;
  if (st === 'dpo' && loss !== 'sigmoid' && typeof smoothing === 'number' && smoothing > 1e-6) {
    r.report('llamafactory/dpo-label-smoothing', 'error', `Label smoothing (cDPO) only applies to the sigmoid loss; with \`pref_loss: ${loss}\` LLaMA-Factory stops. Remove \`dpo_label_smoothing\`.`, ['dpo_label_smoothing'], 'key', [removeKeyFix(ctx, 'dpo_label_smoothing')]);
  }
  const usesRef = st === 'dpo' && loss !== 'orpo' && loss !== 'simpo';
  if (isOn(ctx, 'pissa_init') && (st === 'ppo' || st === 'kto' || usesRef)) {
    r.report('llamafactory/pissa-stage', 'error', `PiSSA changes the base weights, which breaks the reference model of \`stage: ${st}\`; LLaMA-Factory stops ("Cannot use PiSSA for current training stage"). Remove \`pissa_init\`${st === 'dpo' ? ' or use `pref_loss: orpo`/`simpo`' : ''}.`, ['pissa_init'], 'key', [removeKeyFix(ctx, 'pissa_init')]);
  }
}
