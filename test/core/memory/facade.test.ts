import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachMemory, settingsFor } from '../../../core/src/features/estimate';
import type { EstimateOverrides } from '../../../core/src/index';
import { estimate } from '../../../core/src/index';
import { ctx, doc } from '../../helpers/fixtures';
import { countedTiny } from './tiny';

const ADAPTER = JSON.stringify({ peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: ['q_proj', 'v_proj'], base_model_name_or_path: 'tiny-llama', task_type: 'CAUSAL_LM' });

async function memoryFor(overrides: EstimateOverrides, settings = {}) {
  const c = ctx(settings);
  const result = await estimate(doc('/work/adapter_config.json', ADAPTER), c, overrides);
  return attachMemory(result, countedTiny(result.plan!), settingsFor(c.settings, overrides)).memory!;
}

test('an adapter_config.json has no training settings: flags and settings supply them, each listed as an assumption', async () => {
  const m = await memoryFor({ microBatchSize: 2, gradientCheckpointing: true }, { defaultSequenceLength: 1024 });
  assert.ok(m.assumptions.includes('micro-batch size 2 (set by --batch)'));
  assert.ok(m.assumptions.includes('sequence length 1024, every sequence full (setting defaultSequenceLength; the file sets none)'));
  assert.ok(m.assumptions.includes('bf16 mixed precision (the file sets none)'));
  assert.ok(m.assumptions.includes('optimizer adamw_torch (the file sets none: torch.optim.AdamW)'));
  assert.ok(!m.assumptions.some((a) => a.includes("PEFT's default")), 'the file names its targets');
  assert.equal(m.peak_allocated_bytes, m.breakdown.reduce((s, t) => s + t.bytes, 0));
});

test('--gpu and --gpus reach the verdict: per-GPU bytes checked against the named GPU', async () => {
  const m = await memoryFor({ gpu: 'A10G', gpus: 2 }, { gpu: 'H100-80GB' });
  assert.deepEqual(m.gpu, { name: 'A10G', bytes: 23028 * 2 ** 20, count: 2 });
  assert.equal(m.per_gpu_bytes, m.device_bytes);
  assert.ok(m.assumptions.some((a) => a.startsWith('data parallelism: DDP over 2 GPUs')));
});

test('without a resolved, counted model the estimate carries no memory', async () => {
  const c = ctx();
  const result = await estimate(doc('/work/adapter_config.json', ADAPTER), c, {});
  assert.equal(result.memory, undefined);
  assert.equal(attachMemory(result, undefined, c.settings).memory, undefined);
  assert.equal(attachMemory({ ...result, plan: undefined }, countedTiny(result.plan!), c.settings).memory, undefined);
});
