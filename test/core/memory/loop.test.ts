/**
 * The training loop as a stated input: every format names its tool's loop, `--loop` and the
 * trainingLoop setting replace it, and the assumptions say which one the estimate ran. The logits a
 * plain loop holds through backward are the difference, derived on the tiny model (batch 1 × 512,
 * bf16 autocast: 16,384,000 bf16 logits = 32,768,000 B).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachMemory, settingsFor } from '../../../core/src/features/estimate';
import { breakdownFromResult } from '../../../core/src/features/breakdown';
import type { EstimateOverrides } from '../../../core/src/index';
import { estimate } from '../../../core/src/index';
import type { Settings } from '../../../core/src/settings';
import { resolveSettings } from '../../../core/src/settings';
import { ctx, doc } from '../../helpers/fixtures';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, termsOf, tinyPlan } from './tiny';

const ADAPTER = JSON.stringify({ peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: ['q_proj', 'v_proj'], base_model_name_or_path: 'tiny-llama', task_type: 'CAUSAL_LM' });
const AXOLOTL = 'base_model: tiny-llama\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_modules: [q_proj, v_proj]\nmicro_batch_size: 1\nsequence_len: 512\ngradient_checkpointing: true\nbf16: true\noptimizer: adamw_torch\n';

async function run(path: string, text: string, overrides: EstimateOverrides = {}, settings: Partial<Settings> = {}) {
  const c = ctx({ defaultSequenceLength: 512, ...settings });
  const result = await estimate(doc(path, text), c, { microBatchSize: 1, gradientCheckpointing: true, ...overrides });
  return attachMemory(result, countedTiny(result.plan!), settingsFor(c.settings, overrides));
}

test('an adapter_config.json assumes the plain loop and says so; --loop trainer frees the logits', async () => {
  const plain = (await run('/w/adapter_config.json', ADAPTER)).memory!;
  const trainer = (await run('/w/adapter_config.json', ADAPTER, { loop: 'trainer' })).memory!;
  assert.ok(plain.assumptions.some((a) => a.startsWith('a plain training loop') && a.includes('an adapter_config.json names no training loop')));
  assert.ok(trainer.assumptions.includes('the loop frees the model output (its logits) before backward, as the Trainer does (set by --loop)'));
  // The loss phase peaks both ways; backward there holds the bf16 logits (2 B) beside the loss's
  // fp32 tensors (12 B) in the plain loop: 14 against 12 B per logit.
  const loss = (m: typeof plain) => m.breakdown.find((t) => t.term === 'logits and loss')!.bytes;
  assert.equal(loss(plain) - loss(trainer), 32_768_000);
  assert.equal(plain.peak_allocated_bytes - trainer.peak_allocated_bytes, 32_768_000);
});

test('axolotl runs the Trainer unless told otherwise; the setting and the flag both reach it, the flag winning', async () => {
  const peak = async (o: EstimateOverrides, s: Partial<Settings> = {}) => (await run('/w/config.yml', AXOLOTL, o, s)).memory!.peak_allocated_bytes;
  const trainer = await peak({});
  assert.equal((await peak({ loop: 'plain' })) - trainer, 32_768_000);
  assert.equal((await peak({}, { trainingLoop: 'plain' })) - trainer, 32_768_000);
  assert.equal(await peak({ loop: 'trainer' }, { trainingLoop: 'plain' }), trainer);
  const result = await run('/w/config.yml', AXOLOTL);
  assert.ok(result.memory!.assumptions.some((a) => a.includes("axolotl 0.18 trains with transformers' Trainer")));
});

test('the loop is one of the breakdown\'s inputs, with where it came from', async () => {
  const c = ctx({ defaultSequenceLength: 512 });
  const result = await run('/w/adapter_config.json', ADAPTER, { loop: 'trainer' });
  const loop = breakdownFromResult(result, c).inputs.find((i) => i.field === 'training.loop');
  assert.deepEqual([loop?.label, loop?.value, loop?.assumed], ['training loop', 'trainer', 'set by --loop']);
});

test('trainingLoop accepts auto, plain and trainer; anything else falls back to auto', () => {
  assert.equal(resolveSettings({ trainingLoop: 'plain' }).trainingLoop, 'plain');
  assert.equal(resolveSettings({ trainingLoop: 'sometimes' as never }).trainingLoop, 'auto');
});

test('packed batches under SDPA get a block-diagonal mask (kept per layer, K/V expanded); flash attention\'s varlen kernels none', () => {
  const activations = (attention: 'sdpa' | 'flash_attention_2', packing: boolean) => {
    const plan = tinyPlan({ format: 'axolotl', peft: LORA_QV, training: { gradientCheckpointing: set(false), attention: set(attention), packing: set(packing), loop: set('trainer') } });
    return termsOf(estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS).breakdown).activations;
  };
  // Per token and layer: the bf16 bias over 512 keys (1,024 B) and K, V expanded from 2 to 8 heads
  //   (2 × 6 × 128 × 2 B = 3,072 B) → 4,096 × 2 layers × 512 tokens.
  assert.equal(activations('sdpa', true) - activations('sdpa', false), 4_096 * 2 * 512);
  assert.equal(activations('flash_attention_2', true), activations('flash_attention_2', false));
});
