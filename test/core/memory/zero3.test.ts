/**
 * DeepSpeed ZeRO-3's gathered parameters entering backward (memory/zero3.ts, from DeepSpeed 0.16's
 * partitioned_param_coordinator.py), derived by hand on the tiny model, full fine-tuning on 8 GPUs in
 * bf16: the reuse distance, the prefetch bucket, the live-parameter cap, and axolotl 0.18's bundled
 * zero3 files, which set the last two to 0.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import { deepspeedSharding } from '../../../core/src/formats/sharding';
import type { Sharding, TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, set, termsOf, tinyPlan } from './tiny';

function plan(sharding: Partial<Sharding>, gc = true): TrainingPlan {
  return tinyPlan({ format: 'axolotl', training: { gpus: set(8), gradientCheckpointing: set(gc), sharding: set({ kind: 'deepspeed', stage: 3, ...sharding }) } });
}

function zero3Terms(p: TrainingPlan): Record<string, number> {
  const { peak } = stepPhases(prepareStep(p, countedTiny(p), DEFAULT_SETTINGS), 1, 512);
  return Object.fromEntries(Object.entries(termsOf(peak.terms)).filter(([k]) => k.startsWith('ZeRO-3')));
}

test('max_live_parameters and max_reuse_distance 0: only the module computing (the output layer) is gathered, nothing prefetched', () => {
  // The output layer, 32,000 × 1,024 × 2 B = 65,536,000, computes the logits' gradient first; the
  // prefetcher's room is 0 live parameters less that. The five norms stay whole: 5 × 1,024 × 2 B.
  assert.deepEqual(zero3Terms(plan({ maxLiveElements: 0, maxReuseElements: 0 })), { 'ZeRO-3 persistent parameters': 10_240, 'ZeRO-3 live parameters': 65_536_000 });
});

test('a 1e8-element reuse distance keeps the output layer, the top layer and its down_proj below; the prefetcher takes the next module', () => {
  // Without checkpointing the trace is forward, then backward in reverse. A module stays gathered if its
  // next use comes within 1e8 elements. Above layer 0's down_proj run layer 0's two norms (2,048), layer 1
  // (15,204,352 + 2,048), the final norm (1,024) and the output layer (32,768,000): 47,977,472 elements in
  // forward and the same in backward, 95,954,944 < 1e8, so it is kept; up_proj adds 2 × 4,194,304 and is
  // released, as is everything below. Kept: 32,768,000 + 15,204,352 + 4,194,304 = 52,166,656 × 2 B.
  // Entering backward the prefetch room is min(1e9 − 52,166,656, 0.9 × 1024²) = 943,718.4 elements:
  // layer 1 and layer 0's down_proj are available, so up_proj (4,194,304) is gathered and fills it.
  assert.deepEqual(zero3Terms(plan({ maxReuseElements: 1e8 }, false)), {
    'ZeRO-3 persistent parameters': 10_240,
    'ZeRO-3 live parameters': 104_333_312,
    'ZeRO-3 prefetched parameters': 8_388_608,
  });
});

test('the breakdown reports what the reuse distance and the prefetch added, exactly the estimate\'s difference to releasing every module', () => {
  const on = plan({ maxReuseElements: 1e8 }, false);
  const off = plan({ maxReuseElements: 0, maxLiveElements: 0 }, false);
  const estimated = estimateMemory(on, countedTiny(on), DEFAULT_SETTINGS);
  const released = estimateMemory(off, countedTiny(off), DEFAULT_SETTINGS);
  const effect = estimated.switches?.find((s) => s.switch === 'ZeRO-3 reuse distance and prefetch');
  assert.ok(effect, JSON.stringify(estimated.switches));
  // (104,333,312 + 8,388,608) − 65,536,000: the resident terms are in every phase, so the peak moves by exactly that.
  assert.equal(effect.added_bytes, 47_185_920);
  assert.equal(estimated.peak_allocated_bytes - released.peak_allocated_bytes, 47_185_920);
  assert.equal(released.switches?.some((s) => s.switch === 'ZeRO-3 reuse distance and prefetch'), false);
});

test("axolotl 0.18's bundled zero3 files set max_live_parameters and max_reuse_distance 0; inline configs are read under either name", () => {
  const bundled = deepspeedSharding({ value: 'deepspeed_configs/zero3_bf16.json', key: 'deepspeed' }).value;
  assert.deepEqual([bundled.stage, bundled.maxLiveElements, bundled.maxReuseElements], [3, 0, 0]);
  const lf = deepspeedSharding({ value: 'examples/deepspeed/ds_z3_config.json', key: 'deepspeed' }).value;
  assert.deepEqual([lf.stage, lf.maxLiveElements, lf.maxReuseElements], [3, undefined, undefined]);
  const inline = deepspeedSharding({ value: { zero_optimization: { stage: 3, max_live_parameters: 0, stage3_max_reuse_distance: 5e8, stage3_param_persistence_threshold: 'auto' } }, key: 'deepspeed' }).value;
  assert.deepEqual([inline.maxLiveElements, inline.maxReuseElements, inline.persistenceElements], [0, 5e8, undefined]);
});
