/** Batch-size rules: axolotl needs two of micro_batch_size / gradient_accumulation_steps / batch_size. */
import { removeKeyFix, setKeysFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const BATCH_KEYS = ['micro_batch_size', 'gradient_accumulation_steps', 'batch_size'];

export const batchingRules = ruleFamily(
  {
    'axolotl/batch-size-underspecified': 'Fewer than two of `micro_batch_size`, `gradient_accumulation_steps`, `batch_size` are set.',
    'axolotl/gas-and-batch-size': '`gradient_accumulation_steps` and `batch_size` both set.',
    'axolotl/batch-size-discouraged': '`batch_size` instead of `gradient_accumulation_steps`.',
    'axolotl/eval-batch-size-mismatch': '`eval_batch_size` differs from `micro_batch_size`.',
  },
  [underspecified, gasAndBatchSize, evalBatchSize],
);

function underspecified(c: AxolotlConfig): void {
  const present = BATCH_KEYS.filter((k) => c.on(k));
  if (present.length >= 2) return;
  const anchor = present[0] ?? (c.set('base_model') ? 'base_model' : BATCH_KEYS.find((k) => c.set(k)) ?? 'base_model');
  const add = present[0] === 'micro_batch_size' || present.length === 0 ? ['gradient_accumulation_steps', 'micro_batch_size'] : ['micro_batch_size'];
  const wanted = add.filter((k) => !present.includes(k));
  c.error('axolotl/batch-size-underspecified', `axolotl needs at least two of \`micro_batch_size\`, \`gradient_accumulation_steps\` and \`batch_size\` (set and non-zero) and refuses to start with ${present.length ? `only \`${present[0]}\`` : 'none'}. Add ${wanted.map((k) => `\`${k}\``).join(' and ')}.`,
    anchor, 'key', [setKeysFix(c.ctx, wanted.map((k) => [k, 1]), true)]);
}

function gasAndBatchSize(c: AxolotlConfig): void {
  if (c.on('gradient_accumulation_steps') && c.on('batch_size')) {
    c.error('axolotl/gas-and-batch-size', 'axolotl derives `gradient_accumulation_steps` from `batch_size`, so it refuses both. Keep `gradient_accumulation_steps` and remove `batch_size`.', 'batch_size', 'key', [removeKeyFix(c.ctx, 'batch_size', true)]);
  } else if (c.on('batch_size')) {
    c.info('axolotl/batch-size-discouraged', '`batch_size` is discouraged: axolotl sets gradient_accumulation_steps = batch_size ÷ micro_batch_size ÷ number of GPUs. Prefer `gradient_accumulation_steps`.', 'batch_size');
  }
}

function evalBatchSize(c: AxolotlConfig): void {
  const evalSize = c.num('eval_batch_size');
  const micro = c.num('micro_batch_size');
  if (evalSize && micro && evalSize !== micro) {
    c.info('axolotl/eval-batch-size-mismatch', `\`eval_batch_size\` (${evalSize}) differs from \`micro_batch_size\` (${micro}); axolotl warns this can make GPU memory use unstable.`, 'eval_batch_size', 'value');
  }
}
