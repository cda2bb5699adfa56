import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchingRules } from '../../../../core/src/rules/axolotl/batching';
import { fixed, runTable } from './table';

const HEAD = 'base_model: a/b\ndatasets:\n  - path: x\n    type: alpaca\nlearning_rate: 0.0001\n';

runTable('batching', batchingRules, [
  { name: 'micro batch and accumulation', text: `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\n`, expect: [], whole: true },
  { name: 'micro batch and batch size', text: `${HEAD}micro_batch_size: 2\nbatch_size: 16\n`, expect: ['axolotl/batch-size-discouraged@7'], whole: true },
  { name: 'only a micro batch size', text: `${HEAD}micro_batch_size: 2\n`, expect: ['axolotl/batch-size-underspecified@6'], whole: true },
  { name: 'nothing at all points at base_model', text: HEAD, expect: ['axolotl/batch-size-underspecified@1'], whole: true },
  { name: 'a zero does not count', text: `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 0\n`, expect: ['axolotl/batch-size-underspecified@6'], whole: true },
  { name: 'accumulation and batch size together', text: `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\nbatch_size: 32\n`, expect: ['axolotl/gas-and-batch-size@8'], whole: true },
  { name: 'eval batch differs', text: `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\neval_batch_size: 8\n`, expect: ['axolotl/eval-batch-size-mismatch@8'], whole: true },
  { name: 'eval batch equal', text: `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\neval_batch_size: 2\n`, expect: [], whole: true },
]);

test('batching fixes: add the missing batch keys, drop batch_size', async () => {
  assert.equal(await fixed(`${HEAD}micro_batch_size: 2\n`, 'axolotl/batch-size-underspecified'), `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 1\n`);
  assert.equal(await fixed(HEAD, 'axolotl/batch-size-underspecified'), `${HEAD}gradient_accumulation_steps: 1\nmicro_batch_size: 1\n`);
  assert.equal(await fixed(`${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 0\n`, 'axolotl/batch-size-underspecified'), `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 1\n`);
  assert.equal(await fixed(`${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\nbatch_size: 32\n`, 'axolotl/gas-and-batch-size'), `${HEAD}micro_batch_size: 2\ngradient_accumulation_steps: 4\n`);
});
