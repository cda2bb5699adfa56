import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { optimizerSpec } from '../../../core/src/estimate/memory/optimizers';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, termsOf, WORKSPACES, tinyPlan } from './tiny';

function optimizerStep(plan: TrainingPlan): Record<string, number> {
  const { all } = stepPhases(prepareStep(plan, countedTiny(plan), DEFAULT_SETTINGS), 1, 512);
  return termsOf(all.find((p) => p.name === 'optimizer step')!.terms);
}

test('8-bit AdamW: two one-byte states plus an fp32 absmax per 256 elements, no step temporaries', () => {
  const terms = optimizerStep(tinyPlan({ format: 'axolotl', training: { optimizer: set('adamw_8bit') } }));
  // Full fine-tuning in bf16: weights and gradients 95,949,824 × 2 = 191,899,648 each.
  // States: 95,949,824 × 2 × (1 + 4/256) = 95,949,824 × 2.03125 = 194,898,080; the blockwise kernel updates in place.
  assert.deepEqual(terms, { ...WORKSPACES, weights: 191_899_648, 'optimizer states': 194_898_080, gradients: 191_899_648 });
});

test('torch AdamW (foreach) for comparison: bf16 states of the parameter dtype and one state-sized temporary', () => {
  const terms = optimizerStep(tinyPlan({ format: 'axolotl' }));
  // exp_avg + exp_avg_sq in bf16: 4 × 95,949,824; the step's sqrt(exp_avg_sq) for all tensors at once: 2 × 95,949,824.
  assert.deepEqual(terms, { ...WORKSPACES, weights: 191_899_648, 'optimizer states': 383_799_296, gradients: 191_899_648, 'optimizer step temporaries': 191_899_648 });
});

test('8-bit states do not depend on the parameter dtype: fp32 LoRA adapters get the same 2.03125 bytes per element', () => {
  const terms = optimizerStep(tinyPlan({ peft: LORA_QV, training: { optimizer: set('adamw_bnb_8bit') } }));
  // 106,496 × 2.03125 = 216,320 (versus 8 bytes per element, 851,968, for torch AdamW on fp32 adapters).
  assert.equal(terms['optimizer states'], 216_320);
  assert.equal(terms.gradients, 106_496 * 4);
});

test('paged 8-bit AdamW: states live in unified memory, outside the allocated peak, and are listed on the device side', () => {
  const plan = tinyPlan({ format: 'axolotl', training: { optimizer: set('paged_adamw_8bit') } });
  assert.equal(optimizerStep(plan)['optimizer states'], undefined);
  const e = estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS);
  assert.equal(termsOf(e.device_breakdown ?? [])['paged optimizer states (unified memory)'], 194_898_080);
  assert.ok(!e.breakdown.some((t) => t.term === 'optimizer states'));
});

test('optimizer names from every tool map to a family', () => {
  const label = (name: string, fused?: boolean) => optimizerSpec(name, fused).label;
  assert.match(label('bitsandbytes.optim.PagedAdamW8bit'), /8-bit/);
  assert.equal(optimizerSpec('bitsandbytes.optim.PagedAdamW8bit').paged, true);
  assert.match(label('torch.optim.AdamW', true), /fused/);
  assert.match(label('adamw_torch_fused'), /fused/);
  assert.match(label('paged_adamw_32bit'), /fp32 states/);
  assert.match(label('lion_8bit'), /Lion, 8-bit/);
  assert.match(label('adafactor'), /Adafactor/);
  assert.equal(optimizerSpec('sgd').statesPerParam(2), 0);
  assert.equal(optimizerSpec('galore_adamw_layerwise').fusedBackward, true);
});
