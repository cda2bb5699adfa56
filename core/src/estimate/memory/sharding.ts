/**
 * How data parallelism spreads the model states over GPUs (activations are per GPU either way):
 * DDP replicates everything and adds gradient buckets; ZeRO-1/2/3 and FSDP partition optimizer
 * states, then gradients, then parameters; FSDP gathers one wrapped unit (a decoder layer) at a time,
 * prefetching the next, ZeRO-3 gathers module by module as zero3.ts traces; offload moves what it names
 * to host memory.
 */
import type { Sharding } from '../../plan';
import type { Zero3Settings } from './zero3';

export interface ShardLayout {
  label: string;
  /** Divisors (per-GPU share) of parameters, gradients and optimizer states; 0 = on the host. */
  params: number;
  grads: number;
  states: number;
  /** DeepSpeed keeps an fp32 master copy of trainable weights with the optimizer states. */
  fp32Master: boolean;
  /** Decoder layers gathered at once (current + prefetched) under parameter sharding. */
  gatheredLayers: number;
  /** The root unit (embeddings, final norm, output layer) stays gathered through forward and backward (FSDP). */
  rootGathered: boolean;
  /** FSDP without resharding after forward (FSDP2 `reshard_after_forward: false`, FSDP1 SHARD_GRAD_OP): every unit stays unsharded from its forward to its backward, beside its shard. */
  unshardedThroughBackward: boolean;
  /** DDP's gradient buckets: a second copy of the gradients (gradient_as_bucket_view=False). */
  ddpBuckets: boolean;
  /** ZeRO's reduce buckets, in elements. */
  bucketElements: number;
  /** DeepSpeed ZeRO-3's gathering limits (zero3.ts sizes what they keep gathered); absent otherwise. */
  zero3?: Zero3Settings;
}

const REPLICATED: Omit<ShardLayout, 'label'> = { params: 1, grads: 1, states: 1, fp32Master: false, gatheredLayers: 0, rootGathered: false, unshardedThroughBackward: false, ddpBuckets: false, bucketElements: 0 };

export function shardLayout(sharding: Sharding | undefined, gpus: number, hidden: number): ShardLayout {
  if (gpus <= 1 && (!sharding || !sharding.offloadOptimizer && !sharding.offloadParams)) return { ...REPLICATED, label: 'one GPU' };
  if (!sharding || sharding.kind === 'ddp') return { ...REPLICATED, ddpBuckets: gpus > 1, label: `DDP over ${gpus} GPUs (everything replicated)` };
  const stage = sharding.stage ?? (sharding.kind === 'fsdp' ? 3 : 0);
  const group = Math.max(1, Math.min(gpus, sharding.shardGroupSize ?? gpus));
  const host = (offloaded: boolean | undefined, div: number) => (offloaded ? 0 : div);
  if (sharding.kind === 'deepspeed') {
    const n = gpus;
    // HF's "auto" sizes (transformers 5.17 integrations/deepspeed.py) are hidden² elements (reduce),
    // 0.9·hidden² (stage-3 prefetch) and 10·hidden (persistence); live parameters and reuse distance
    // keep DeepSpeed 0.16's default of 1e9. A DeepSpeed config that gives numbers sets them.
    const reduce = sharding.reduceBucketElements ?? hidden * hidden;
    const zero3: Zero3Settings = {
      prefetchElements: sharding.prefetchBucketElements ?? 0.9 * hidden * hidden,
      maxLiveElements: sharding.maxLiveElements ?? 1e9,
      maxReuseElements: sharding.maxReuseElements ?? 1e9,
      persistenceElements: sharding.persistenceElements ?? 10 * hidden,
    };
    return {
      label: `DeepSpeed ZeRO-${stage} over ${n} GPUs${sharding.offloadOptimizer ? ', optimizer offloaded' : ''}${sharding.offloadParams ? ', parameters offloaded' : ''}`,
      params: stage >= 3 ? host(sharding.offloadParams, n) : 1,
      grads: stage >= 2 ? host(sharding.offloadOptimizer, n) : 1,
      states: host(sharding.offloadOptimizer, stage >= 1 ? n : 1),
      fp32Master: true,
      gatheredLayers: 0,
      rootGathered: false,
      unshardedThroughBackward: false,
      ddpBuckets: false,
      bucketElements: reduce,
      // Offloaded parameters are gathered onto the GPU the same way.
      ...(stage >= 3 ? { zero3 } : {}),
    };
  }
  // FSDP: FULL_SHARD (3), SHARD_GRAD_OP (2), NO_SHARD (0); CPU offload moves parameters and gradients,
  // and the step, to the host. Both shard the parameters; FULL_SHARD frees a unit's all-gathered copy
  // after its forward (gathering the current and the prefetched unit, the root excepted: torch 2.11's
  // fully_shard keeps the root unsharded), SHARD_GRAD_OP keeps every copy until that unit's backward
  // has resharded it (torch 2.11 FSDPParamGroup: the all-gather output is its own allocation beside the shard).
  const offload = sharding.offloadParams || sharding.offloadOptimizer;
  return {
    label: `FSDP ${stage >= 3 ? 'full shard' : stage === 2 ? 'shard-grad-op' : 'no shard'} over ${group === gpus ? gpus : `groups of ${group} of ${gpus}`} GPUs${offload ? ', CPU offload' : ''}`,
    params: stage >= 2 ? host(offload, group) : 1,
    grads: stage >= 2 ? host(offload, group) : 1,
    states: stage >= 1 ? host(offload, group) : 1,
    fp32Master: false,
    gatheredLayers: stage >= 3 ? 2 : 0,
    rootGathered: stage >= 3,
    unshardedThroughBackward: stage === 2,
    ddpBuckets: false,
    bucketElements: 0,
  };
}

/** The per-GPU share of `bytes` under a divisor (0 = offloaded to the host). */
export function share(bytes: number, divisor: number): number {
  return divisor === 0 ? 0 : bytes / divisor;
}
