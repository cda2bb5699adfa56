import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import type { Sharding, TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, termsOf, WORKSPACES, TINY_PARAMS, tinyPlan, tinySibling } from './tiny';

const P = TINY_PARAMS;

function optimizerStep(plan: TrainingPlan): Record<string, number> {
  const { all } = stepPhases(prepareStep(plan, countedTiny(plan), DEFAULT_SETTINGS), 1, 512);
  return termsOf(all.find((p) => p.name === 'optimizer step')!.terms);
}

function sharded(sharding: Sharding, gpus: number, peft?: Record<string, unknown>): TrainingPlan {
  return tinyPlan({ format: 'axolotl', peft, training: { gpus: set(gpus), sharding: set(sharding) } });
}

test('DeepSpeed ZeRO-3 on 8 GPUs, full fine-tuning in bf16: each term per GPU by hand', () => {
  const terms = optimizerStep(sharded({ kind: 'deepspeed', stage: 3 }, 8));
  // P = 95,949,824 parameters, all partitioned 8 ways:
  //   bf16 weights 2P/8 = 23,987,456; bf16 gradients 2P/8 = 23,987,456;
  //   fp32 master copy 4P/8 = 47,974,912; fp32 Adam states 8P/8 = 95,949,824;
  //   the foreach step's fp32 temporary on the partition 4P/8 = 47,974,912.
  // ZeRO-3 (zero3.ts, HF "auto" sizes): the five norms (1,024 elements each) are under the persistence
  //   threshold of 10 × 1024 and stay whole: 5,120 × 2 B = 10,240. The whole step's trace (about 3 × P
  //   elements with checkpointing) is shorter than the 1e9 reuse distance, so every other parameter stays
  //   gathered from its forward to its backward: (P − 5,120) × 2 B = 191,889,408; nothing is left to prefetch.
  // Reduce bucket at HF's "auto" size, hidden² = 1024² elements × 2 B = 2,097,152.
  assert.deepEqual(terms, {
    ...WORKSPACES,
    weights: (2 * P) / 8,
    gradients: (2 * P) / 8,
    'fp32 master weights': (4 * P) / 8,
    'optimizer states': (8 * P) / 8,
    'optimizer step temporaries': (4 * P) / 8,
    'ZeRO-3 persistent parameters': 10_240,
    'ZeRO-3 live parameters': 191_889_408,
    'gradient buckets': 2_097_152,
  });
});

test('ZeRO-3 with optimizer offload: master, states, gradients and the step move to the host', () => {
  const terms = optimizerStep(sharded({ kind: 'deepspeed', stage: 3, offloadOptimizer: true }, 8));
  assert.deepEqual(terms, { ...WORKSPACES, weights: (2 * P) / 8, 'ZeRO-3 persistent parameters': 10_240, 'ZeRO-3 live parameters': 191_889_408, 'gradient buckets': 2_097_152 });
});

test('ZeRO-1 and ZeRO-2 partition states, then gradients, never the weights', () => {
  const z1 = optimizerStep(sharded({ kind: 'deepspeed', stage: 1 }, 8));
  const z2 = optimizerStep(sharded({ kind: 'deepspeed', stage: 2 }, 8));
  assert.equal(z1.weights, 2 * P);
  assert.equal(z1.gradients, 2 * P);
  assert.equal(z1['optimizer states'], P);
  assert.equal(z2.gradients, (2 * P) / 8);
  // Without stage 3 only the reduce bucket, hidden² elements × 2 B.
  assert.equal(z2['gradient buckets'], 2_097_152);
});

test('FSDP full shard on 4 GPUs, LoRA on a bf16 base: per-GPU terms by hand', () => {
  const terms = optimizerStep(sharded({ kind: 'fsdp', stage: 3 }, 4, LORA_QV));
  // Frozen base 95,949,824 × 2 B / 4 = 47,974,912; fp32 adapters 106,496 × 4 / 4 = 106,496;
  // gradients 106,496; AdamW states 2 × 4 B × 106,496 / 4 = 212,992; foreach temporary 106,496.
  // Gathered: two layers 2 × 15,206,400 × 2 B = 60,825,600, plus the root unit (embeddings and the
  // untied output layer, 2 × 32,768,000 × 2 B = 131,072,000) that stays gathered through the step.
  assert.deepEqual(terms, {
    ...WORKSPACES,
    weights: 47_974_912,
    'adapter weights': 106_496,
    'optimizer states': 212_992,
    'gathered parameter shards': 191_897_600,
    gradients: 106_496,
    'optimizer step temporaries': 106_496,
  });
});

test('FSDP hybrid shard divides by the shard group; CPU offload leaves only the gathered units', () => {
  const hybrid = optimizerStep(sharded({ kind: 'fsdp', stage: 3, shardGroupSize: 2 }, 8, LORA_QV));
  assert.equal(hybrid.weights, (P * 2) / 2);
  const offload = optimizerStep(sharded({ kind: 'fsdp', stage: 3, offloadParams: true }, 4, LORA_QV));
  assert.deepEqual(offload, { ...WORKSPACES, 'gathered parameter shards': 191_897_600 });
});

test('DDP replicates everything and adds gradient buckets the size of the gradients', () => {
  const terms = optimizerStep(tinyPlan({ format: 'axolotl', training: { gpus: set(2) } }));
  assert.equal(terms.weights, 2 * P);
  assert.equal(terms['gradient buckets'], 2 * P);
});

test('DeepSpeed bucket sizes the config gives replace HF\'s "auto" sizes', () => {
  // reduce_bucket_size 5e5 elements in bf16: 5e5 × 2 B (the prefetch bucket is ZeRO-3's, zero3.test.ts).
  const terms = optimizerStep(sharded({ kind: 'deepspeed', stage: 3, reduceBucketElements: 5e5, prefetchBucketElements: 2e5 }, 8));
  assert.equal(terms['gradient buckets'], 1_000_000);
  // Stage 2 the same: the reduce bucket alone.
  assert.equal(optimizerStep(sharded({ kind: 'deepspeed', stage: 2, reduceBucketElements: 5e5, prefetchBucketElements: 2e5 }, 8))['gradient buckets'], 1_000_000);
});

test('FSDP without resharding after forward on 4 GPUs, LoRA: the shards, and every unit unsharded from forward into backward', () => {
  const p = sharded({ kind: 'fsdp', stage: 2 }, 4, LORA_QV);
  const { all } = stepPhases(prepareStep(p, countedTiny(p), DEFAULT_SETTINGS), 1, 512);
  const loss = termsOf(all.find((ph) => ph.name === 'loss')!.terms);
  // The shard stays: 95,949,824 × 2 B / 4 = 47,974,912. Beside it, both layers (2 × 15,206,400 × 2 B)
  // and the root unit (embeddings and the untied output layer, 65,536,000 × 2 B) stay all-gathered from
  // forward until backward reshards them: 191,897,600; nothing is gathered layer by layer.
  assert.equal(loss.weights, 47_974_912);
  assert.equal(loss['unsharded parameters (no reshard after forward)'], 191_897_600);
  assert.equal(loss['gathered parameter shards'], undefined);
  // Backward has resharded every unit by the optimizer step.
  const step = termsOf(all.find((ph) => ph.name === 'optimizer step')!.terms);
  assert.deepEqual([step.weights, step['unsharded parameters (no reshard after forward)']], [47_974_912, undefined]);
});

test("the breakdown reports what keeping the units unsharded added: exactly the estimate's difference to resharding after forward", () => {
  const arch = tinySibling({ model_type: 'llama', num_hidden_layers: 4 });
  const estimateOf = (stage: 2 | 3) => {
    const p = sharded({ kind: 'fsdp', stage }, 4, LORA_QV);
    return estimateMemory(p, countedTiny(p, arch), DEFAULT_SETTINGS);
  };
  const kept = estimateOf(2);
  const effect = kept.switches?.find((s) => s.switch === 'no reshard after forward');
  assert.ok(effect, JSON.stringify(kept.switches));
  // Resharding gathers two layers at a time instead of all four (the root stays unsharded either way):
  //   the other two layers, 2 × 15,206,400 × 2 B.
  assert.equal(effect.added_bytes, 60_825_600);
  assert.equal(kept.peak_allocated_bytes - estimateOf(3).peak_allocated_bytes, 60_825_600);
});
