import { evaluationRules } from '../../../../core/src/rules/axolotl/evaluation';
import { runTable } from './table';

runTable('evaluation', evaluationRules, [
  { name: 'saving by steps', text: 'save_strategy: steps\nsave_steps: 100\n', expect: [] },
  { name: 'save steps with an epoch strategy', text: 'save_strategy: epoch\nsave_steps: 100\n', expect: ['axolotl/save-strategy-mismatch@1'] },
  { name: 'save steps and saves per epoch', text: 'save_steps: 100\nsaves_per_epoch: 2\n', expect: ['axolotl/save-steps-and-saves-per-epoch@2'] },
  { name: 'evals per epoch with an epoch strategy', text: 'val_set_size: 0.05\nevals_per_epoch: 4\neval_strategy: epoch\n', expect: ['axolotl/eval-strategy-mismatch@3'] },
  { name: 'eval steps and evals per epoch', text: 'val_set_size: 0.05\neval_steps: 50\nevals_per_epoch: 4\n', expect: ['axolotl/eval-steps-and-evals-per-epoch@3'] },
  { name: 'evaluation without data', text: 'val_set_size: 0\neval_steps: 50\n', expect: ['axolotl/eval-without-data@2'] },
  { name: 'no evaluation is fine', text: 'val_set_size: 0\neval_strategy: "no"\n', expect: [] },
  { name: 'evals per epoch without data is allowed', text: 'val_set_size: 0\nevals_per_epoch: 4\n', expect: [] },
  { name: 'best checkpoint without a metric', text: 'save_strategy: best\n', expect: ['axolotl/save-best-needs-metric@1'] },
  { name: 'best checkpoint with a metric', text: 'save_strategy: best\nmetric_for_best_model: eval_loss\n', expect: [] },
  { name: 'early stopping by epochs', text: 'early_stopping_patience: 3\nevals_per_epoch: 4\nsaves_per_epoch: 1\n', expect: ['axolotl/early-stopping-schedule@1'] },
  { name: 'early stopping with steps that do not divide', text: 'val_set_size: 0.05\nearly_stopping_patience: 3\neval_steps: 30\nsave_steps: 100\n', expect: ['axolotl/early-stopping-schedule@4'] },
  { name: 'early stopping done right', text: 'val_set_size: 0.05\nearly_stopping_patience: 3\neval_steps: 50\nsave_steps: 100\n', expect: [] },
  { name: 'bench eval without a schedule', text: 'do_bench_eval: true\n', expect: ['axolotl/bench-eval-needs-schedule@1'] },
]);
