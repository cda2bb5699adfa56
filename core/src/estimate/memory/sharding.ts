/**
 * How data parallelism spreads the model states over GPUs (activations are per GPU either way):
 * DDP replicates everything and adds gradient buckets; ZeRO-1/2/3 and FSDP partition optimizer
 * states, then gradients, then parameters; ZeRO-3/FSDP gather one wrapped unit (a decoder layer) at
 * a time, prefetching the next; offload moves what it names to host memory.
 */
import type { Sharding } from '../../plan';

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
  /** DDP's gradient buckets: a second copy of the gradients (gradient_as_bucket_view=False). */
  ddpBuckets: boolean;
  /** ZeRO's reduce (and all-gather) buckets, in elements. */
  bucketElements: number;
}

const REPLICATED: Omit<ShardLayout, 'label'> = { params: 1, grads: 1, states: 1, fp32Master: false, gatheredLayers: 0, rootGathered: false, ddpBuckets: false, bucketElements: 0 };

export function shardLayout(sharding: Sharding | undefined, gpus: number, hidden: number): ShardLayout {
  if (gpus <= 1 && (!sharding || !sharding.offloadOptimizer && !sharding.offloadParams)) return { ...REPLICATED, label: 'one GPU' };
  if (!sharding || sharding.kind === 'ddp') return { ...REPLICATED, ddpBuckets: gpus > 1, label: `DDP over ${gpus} GPUs (everything replicated)` };
  const stage = sharding.stage ?? (sharding.kind === 'fsdp' ? 3 : 0);
  const group = Math.max(1, Math.min(gpus, sharding.shardGroupSize ?? gpus));
  const host = (offloaded: boolean | undefined, div: number) => (offloaded ? 0 : div);
  if (sharding.kind === 'deepspeed') {
    const n = gpus;
    // HF's "auto" bucket sizes are hidden² elements (reduce) and 0.9·hidden² (stage-3 prefetch); a
    // DeepSpeed config that gives numbers sets them.
    const reduce = sharding.reduceBucketElements ?? hidden * hidden;
    const prefetch = stage >= 3 ? (sharding.prefetchBucketElements ?? 0.9 * hidden * hidden) : 0;
    return {
      label: `DeepSpeed ZeRO-${stage} over ${n} GPUs${sharding.offloadOptimizer ? ', optimizer offloaded' : ''}${sharding.offloadParams ? ', parameters offloaded' : ''}`,
      params: stage >= 3 ? host(sharding.offloadParams, n) : 1,
      grads: stage >= 2 ? host(sharding.offloadOptimizer, n) : 1,
      states: host(sharding.offloadOptimizer, stage >= 1 ? n : 1),
      fp32Master: true,
      gatheredLayers: stage >= 3 ? 2 : 0,
      rootGathered: false,
      ddpBuckets: false,
      bucketElements: reduce + prefetch,
    };
  }
  // FSDP: FULL_SHARD (3), SHARD_GRAD_OP (2, parameters stay gathered after forward), NO_SHARD (0); CPU offload moves parameters and gradients, and the step, to the host.
  const offload = sharding.offloadParams || sharding.offloadOptimizer;
  return {
    label: `FSDP ${stage >= 3 ? 'full shard' : stage === 2 ? 'shard-grad-op' : 'no shard'} over ${group === gpus ? gpus : `groups of ${group} of ${gpus}`} GPUs${offload ? ', CPU offload' : ''}`,
    params: stage >= 3 ? host(offload, group) : 1,
    grads: stage >= 2 ? host(offload, group) : 1,
    states: stage >= 1 ? host(offload, group) : 1,
    fp32Master: false,
    gatheredLayers: stage >= 3 ? 2 : 0,
    rootGathered: stage >= 3,
    ddpBuckets: false,
    bucketElements: 0,
  };
}

/** The per-GPU share of `bytes` under a divisor (0 = offloaded to the host). */
export function share(bytes: number, divisor: number): number {
  return divisor === 0 ? 0 : bytes / divisor;
}
