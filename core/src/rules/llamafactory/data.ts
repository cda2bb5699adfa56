/** Dataset and evaluation requirements (DataArguments.__post_init__, ProcessorArguments, get_train_args). */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet } from '../rule';
import { removeKeyFix } from '../fixes';
import { listOf, setting } from './helpers';

export const data: Rule = {
  codes: {
    'llamafactory/train-needs-dataset': '`do_train` without `dataset`.',
    'llamafactory/eval-needs-dataset': 'Evaluation or prediction without `eval_dataset` or `val_size`.',
    'llamafactory/val-size-conflict': '`val_size` together with `eval_dataset`, or without `dataset`.',
    'llamafactory/generate-options': '`predict_with_generate` without `eval_dataset`, or with `compute_accuracy`.',
    'llamafactory/interleave-probs': '`interleave_probs` that does not fit the mixing strategy or the datasets.',
    'llamafactory/streaming-options': 'Options that streaming does not support (fractional `val_size`, `max_samples`, no `max_steps`).',
    'llamafactory/mask-history-train-on-prompt': '`mask_history` together with `train_on_prompt`.',
    'llamafactory/pixels-range': 'A maximum image/video size below the minimum.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const hasDataset = isSet(ctx, 'dataset');
    const hasEval = isSet(ctx, 'eval_dataset');
    const valSize = Number(setting(ctx, 'val_size')) || 0;
    if (isOn(ctx, 'do_train') && !hasDataset && !isSet(ctx, 'tokenized_path')) {
      r.report('llamafactory/train-needs-dataset', 'error', 'Training needs data: LLaMA-Factory stops with "Please specify dataset for training". Add `dataset: <names from dataset_info.json>`.', ['do_train']);
    }
    evaluation(ctx, r, hasEval, valSize);
    if (valSize > 1e-6 && hasEval) {
      r.report('llamafactory/val-size-conflict', 'error', '`val_size` splits a validation set off `dataset`, which LLaMA-Factory refuses together with `eval_dataset`. Keep one of them.', ['val_size'], 'key', [removeKeyFix(ctx, 'val_size')]);
    } else if (valSize > 1e-6 && !hasDataset) {
      r.report('llamafactory/val-size-conflict', 'error', '`val_size` splits the training `dataset`, but there is none; LLaMA-Factory stops. Add `dataset` or remove `val_size`.', ['val_size']);
    }
    interleave(ctx, r);
    streaming(ctx, r, valSize);
    if (isOn(ctx, 'mask_history') && isOn(ctx, 'train_on_prompt')) {
      r.report('llamafactory/mask-history-train-on-prompt', 'error', '`mask_history` (loss on the last turn only) contradicts `train_on_prompt` (loss on the prompt too); LLaMA-Factory refuses both. Keep one.', ['mask_history']);
    }
    pixels(ctx, r, 'image');
    pixels(ctx, r, 'video');
    return r.issues;
  },
};

function evaluation(ctx: RuleContext, r: Reporter, hasEval: boolean, valSize: number): void {
  const evalStrategy = ctx.config.eval_strategy;
  const trigger = ['do_eval', 'do_predict'].find((k) => isOn(ctx, k)) ?? (typeof evalStrategy === 'string' && evalStrategy !== 'no' ? 'eval_strategy' : undefined);
  if (trigger && !hasEval && valSize <= 1e-6) {
    r.report('llamafactory/eval-needs-dataset', 'error', `\`${trigger}\` needs evaluation data: LLaMA-Factory stops with "Please specify dataset for evaluation". Add \`eval_dataset\` or \`val_size\`.`, [trigger]);
  }
  if (isOn(ctx, 'predict_with_generate')) {
    if (!hasEval) r.report('llamafactory/generate-options', 'error', '`predict_with_generate` needs `eval_dataset`; LLaMA-Factory stops without it.', ['predict_with_generate']);
    if (isOn(ctx, 'compute_accuracy')) r.report('llamafactory/generate-options', 'error', '`predict_with_generate` and `compute_accuracy` cannot be used together; LLaMA-Factory stops. Remove one.', ['compute_accuracy'], 'key', [removeKeyFix(ctx, 'compute_accuracy')]);
  }
}

function interleave(ctx: RuleContext, r: Reporter): void {
  if (!isSet(ctx, 'interleave_probs')) return;
  if (setting(ctx, 'mix_strategy') === 'concat') {
    r.report('llamafactory/interleave-probs', 'error', '`interleave_probs` only applies to interleaved mixing; with `mix_strategy: concat` (the default) LLaMA-Factory stops. Set `mix_strategy: interleave_under` (or `_over`/`_once`).', ['interleave_probs']);
    return;
  }
  const probs = listOf(ctx.config.interleave_probs).length;
  for (const key of ['dataset', 'eval_dataset']) {
    const n = listOf(ctx.config[key]).length;
    if (n && n !== probs) r.report('llamafactory/interleave-probs', 'error', `\`interleave_probs\` has ${probs} value(s) but \`${key}\` names ${n} dataset(s); LLaMA-Factory requires one probability per dataset.`, ['interleave_probs'], 'value');
  }
}

function streaming(ctx: RuleContext, r: Reporter, valSize: number): void {
  if (!isOn(ctx, 'streaming')) return;
  if (valSize > 1e-6 && valSize < 1) r.report('llamafactory/streaming-options', 'error', 'A streamed dataset has no known size, so `val_size` must be a number of examples, not a fraction; LLaMA-Factory stops.', ['val_size'], 'value');
  if (isSet(ctx, 'max_samples')) r.report('llamafactory/streaming-options', 'error', '`max_samples` cannot be used with `streaming`; LLaMA-Factory stops. Remove it.', ['max_samples'], 'key', [removeKeyFix(ctx, 'max_samples')]);
  if (Number(setting(ctx, 'max_steps')) === -1 && isOn(ctx, 'do_train')) r.report('llamafactory/streaming-options', 'error', 'A streamed dataset has no length, so LLaMA-Factory needs `max_steps` ("Please specify `max_steps` in streaming mode"). Add it.', ['streaming']);
}

function pixels(ctx: RuleContext, r: Reporter, kind: 'image' | 'video'): void {
  const max = ctx.config[`${kind}_max_pixels`];
  const min = ctx.config[`${kind}_min_pixels`];
  const maxV = typeof max === 'number' ? max : kind === 'image' ? 589824 : 65536;
  const minV = typeof min === 'number' ? min : kind === 'image' ? 1024 : 256;
  if (maxV < minV) r.report('llamafactory/pixels-range', 'error', `\`${kind}_max_pixels\` (${maxV}) is smaller than \`${kind}_min_pixels\` (${minV}); LLaMA-Factory stops. Raise the maximum or lower the minimum.`, [typeof max === 'number' ? `${kind}_max_pixels` : `${kind}_min_pixels`], 'value');
}
