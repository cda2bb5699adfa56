/** Evaluation and checkpoint-saving schedule rules. */
import { removeKeyFix, replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const evaluationRules = ruleFamily(
  {
    'axolotl/save-strategy-mismatch': '`save_steps` with a `save_strategy` other than `steps`.',
    'axolotl/save-steps-and-saves-per-epoch': '`save_steps` and `saves_per_epoch` both set.',
    'axolotl/eval-strategy-mismatch': '`eval_steps` or `evals_per_epoch` with an `eval_strategy` other than `steps`.',
    'axolotl/eval-steps-and-evals-per-epoch': '`eval_steps` and `evals_per_epoch` both set.',
    'axolotl/eval-without-data': 'An evaluation schedule with `val_set_size: 0` and no `test_datasets`.',
    'axolotl/save-best-needs-metric': '`save_strategy: best` without `metric_for_best_model`.',
    'axolotl/early-stopping-schedule': '`early_stopping_patience` without matching `save_steps`/`eval_steps`.',
    'axolotl/bench-eval-needs-schedule': '`do_bench_eval` without an evaluation schedule.',
  },
  [saves, evals, saveBest, earlyStopping, benchEval],
);

function saves(c: AxolotlConfig): void {
  const strategy = c.get('save_strategy');
  if (c.on('save_strategy') && c.on('save_steps') && strategy !== 'steps') {
    c.error('axolotl/save-strategy-mismatch', `\`save_steps\` only applies to \`save_strategy: steps\`; axolotl refuses it with \`${String(strategy)}\`. Set the strategy to \`steps\` or remove \`save_steps\`.`, 'save_strategy', 'value',
      [replaceValueFix(c.ctx, 'save_strategy', 'steps', 'Change to `steps`'), removeKeyFix(c.ctx, 'save_steps')]);
  }
  if (c.on('saves_per_epoch') && c.on('save_steps')) {
    c.error('axolotl/save-steps-and-saves-per-epoch', '`saves_per_epoch` and `save_steps` both set the save interval; axolotl refuses both. Keep one.', 'saves_per_epoch', 'key', [removeKeyFix(c.ctx, 'saves_per_epoch'), removeKeyFix(c.ctx, 'save_steps')]);
  }
}

function evals(c: AxolotlConfig): void {
  const strategy = c.get('eval_strategy');
  const byStep = c.firstOn(['eval_steps', 'evals_per_epoch']);
  if (c.on('eval_strategy') && byStep && strategy !== 'steps') {
    c.error('axolotl/eval-strategy-mismatch', `\`${byStep}\` only applies to \`eval_strategy: steps\`; axolotl refuses it with \`${String(strategy)}\`. Set the strategy to \`steps\` or remove \`${byStep}\`.`, 'eval_strategy', 'value',
      [replaceValueFix(c.ctx, 'eval_strategy', 'steps', 'Change to `steps`')]);
  }
  if (c.on('evals_per_epoch') && c.on('eval_steps')) {
    c.error('axolotl/eval-steps-and-evals-per-epoch', '`evals_per_epoch` and `eval_steps` both set the evaluation interval; axolotl refuses both. Keep one.', 'evals_per_epoch', 'key', [removeKeyFix(c.ctx, 'evals_per_epoch'), removeKeyFix(c.ctx, 'eval_steps')]);
  }
  const evalKey = c.firstOn(['eval_steps', 'eval_strategy']);
  if (c.num('val_set_size') === 0 && evalKey && !c.on('test_datasets') && strategy !== 'no') {
    c.error('axolotl/eval-without-data', `\`${evalKey}\` asks for evaluation, but \`val_set_size: 0\` holds out no data and there are no \`test_datasets\`; axolotl refuses it. Set \`val_set_size\` above 0, add \`test_datasets\`, or remove \`${evalKey}\`.`, evalKey, 'key', [removeKeyFix(c.ctx, evalKey)]);
  }
}

function saveBest(c: AxolotlConfig): void {
  if (c.get('save_strategy') === 'best' && !c.on('metric_for_best_model')) {
    c.error('axolotl/save-best-needs-metric', '`save_strategy: best` saves when a metric improves, so axolotl requires `metric_for_best_model` (e.g. `eval_loss`).', 'save_strategy', 'value', [setKeyFix(c.ctx, 'metric_for_best_model', 'eval_loss', true)]);
  }
}

function earlyStopping(c: AxolotlConfig): void {
  if (!c.on('early_stopping_patience')) return;
  const save = c.num('save_steps');
  const evalSteps = c.num('eval_steps');
  if (!save || !evalSteps) {
    c.error('axolotl/early-stopping-schedule', 'Early stopping compares evaluations at checkpoints, so axolotl requires `save_steps` and `eval_steps` (with `save_steps` a multiple of `eval_steps`).', 'early_stopping_patience');
  } else if (save % evalSteps !== 0) {
    c.error('axolotl/early-stopping-schedule', `\`save_steps\` (${save}) must be a multiple of \`eval_steps\` (${evalSteps}) for early stopping; axolotl refuses otherwise.`, 'save_steps', 'value');
  }
}

function benchEval(c: AxolotlConfig): void {
  if (c.on('do_bench_eval') && !c.on('evals_per_epoch') && !c.on('eval_steps')) {
    c.error('axolotl/bench-eval-needs-schedule', 'Benchmark evaluation runs on the evaluation schedule; axolotl requires `evals_per_epoch` or `eval_steps` with `do_bench_eval`.', 'do_bench_eval');
  }
}
