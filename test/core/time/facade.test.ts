import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachMemory, settingsFor } from '../../../core/src/features/estimate';
import { estimate } from '../../../core/src/index';
import { ctx, doc } from '../../helpers/fixtures';
import { assertSaneEstimate } from '../../helpers/saneNumbers';
import { countedTiny } from '../memory/tiny';

const ADAPTER = JSON.stringify({ peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: ['q_proj', 'v_proj'], base_model_name_or_path: 'tiny-llama', task_type: 'CAUSAL_LM' });

test('an estimate with memory carries the time: its terms sum to the step, throughput follows, no cost without a price', async () => {
  const c = ctx({ gpu: 'A100-80GB' });
  const result = await estimate(doc('/work/adapter_config.json', ADAPTER), c, { microBatchSize: 2, sequenceLength: 1024 });
  const withMemory = attachMemory(result, countedTiny(result.plan!), settingsFor(c.settings, {}));
  const t = withMemory.time!;
  assertSaneEstimate(withMemory);
  assert.equal(t.gpu, 'A100-80GB');
  const sum = t.breakdown.reduce((s, b) => s + b.seconds, 0);
  assert.ok(Math.abs(sum - t.seconds_per_step) < 1e-12);
  assert.equal(t.tokens_per_step_per_gpu, 2048);
  assert.ok(Math.abs(t.tokens_per_second_per_gpu - 2048 / t.seconds_per_step) < 1e-6);
  assert.ok(t.mfu > 0 && t.mfu < 1);
  assert.equal(t.cost, undefined);
  assert.ok(t.assumptions.some((a) => a.includes('312 dense 16-bit TFLOPS')));
});

test('a GPU without rates is timed as the H100 and says so', async () => {
  const c = ctx({ gpu: 'TPU-v5' });
  const result = await estimate(doc('/work/adapter_config.json', ADAPTER), c);
  const t = attachMemory(result, countedTiny(result.plan!), c.settings).time!;
  assert.equal(t.gpu, 'H100-80GB');
  assert.ok(t.assumptions.some((a) => a.startsWith('GPU "TPU-v5" has no rates')));
});
