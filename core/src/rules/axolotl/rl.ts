/** Preference / RL training rules (KTO, SimPO). */
import { removeKeyFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const rlRules = ruleFamily(
  {
    'axolotl/kto-packing': 'Packed evaluation with `rl: kto`.',
    'axolotl/kto-remove-unused-columns': '`rl: kto` without `remove_unused_columns: false`.',
    'axolotl/simpo-warmup-ratio': '`warmup_ratio` with `rl: simpo`.',
  },
  [kto, simpo],
);

function kto(c: AxolotlConfig): void {
  if (c.get('rl') !== 'kto') return;
  // Training-time packing is reported by the packing rules; KTO also refuses packed evaluation.
  if (c.on('eval_sample_packing') && !c.on('sample_packing')) {
    c.error('axolotl/kto-packing', 'KTO scores each completion on its own; axolotl refuses packed evaluation with `rl: kto`. Set `eval_sample_packing: false`.', 'eval_sample_packing', 'value', [setKeyFix(c.ctx, 'eval_sample_packing', false, true)]);
  }
  if (c.get('remove_unused_columns') !== false) {
    c.error('axolotl/kto-remove-unused-columns', 'The KTO trainer needs the label columns transformers would drop; axolotl requires `remove_unused_columns: false` with `rl: kto`.', c.set('remove_unused_columns') ? 'remove_unused_columns' : 'rl', 'value', [setKeyFix(c.ctx, 'remove_unused_columns', false, true)]);
  }
}

function simpo(c: AxolotlConfig): void {
  if (c.get('rl') === 'simpo' && c.on('warmup_ratio')) {
    c.error('axolotl/simpo-warmup-ratio', 'The SimPO trainer does not take `warmup_ratio`; axolotl refuses it. Use `warmup_steps`.', 'warmup_ratio', 'key', [removeKeyFix(c.ctx, 'warmup_ratio', true)]);
  }
}
