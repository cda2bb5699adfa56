/**
 * The sharding a DeepSpeed or FSDP setting amounts to, read the same way for every format. A DeepSpeed
 * config given inline is read; one given as a path is not (the core does no I/O), so its file name
 * is judged instead: the configs the tools ship name their stage and offloading (`ds_z3_offload_config.json`,
 * `zero3_bf16_cpuoffload_params.json`).
 */
import type { Sharding, Sourced } from '../plan';
import { derive } from './extractHelpers';

type ZeroStage = 0 | 1 | 2 | 3;

const ZERO_IN_NAME = /(?:^|[^a-z0-9])(?:z|zero|zero_?stage)[_-]?([0-3])(?![0-9])/i;

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? '';

function stageOf(value: unknown): ZeroStage | undefined {
  const n = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
  return n === 0 || n === 1 || n === 2 || n === 3 ? n : undefined;
}

/** The ZeRO stage of a DeepSpeed setting: an inline `zero_optimization.stage`, or the stage its file name spells. */
export function zeroStage(ds: unknown): ZeroStage | undefined {
  if (ds && typeof ds === 'object') return stageOf((ds as { zero_optimization?: { stage?: unknown } }).zero_optimization?.stage);
  if (typeof ds !== 'string') return undefined;
  return stageOf(ZERO_IN_NAME.exec(fileName(ds))?.[1]);
}

/** DeepSpeed settings as the plan's sharding, with a note when the stage comes from a file name. */
export function deepspeedSharding(ds: Sourced<unknown>): Sourced<Sharding> {
  const stage = zeroStage(ds.value);
  if (ds.value && typeof ds.value === 'object') {
    const zero = (ds.value as { zero_optimization?: Record<string, unknown> }).zero_optimization ?? {};
    // DeepSpeed's offload device defaults to "none": only cpu and nvme move anything off the GPU.
    const offloaded = (k: string) => ['cpu', 'nvme'].includes(String((zero[k] as { device?: unknown } | undefined)?.device));
    const elements = (k: string) => (typeof zero[k] === 'number' && (zero[k] as number) > 0 ? (zero[k] as number) : undefined);
    // DeepSpeed's config model accepts a field by its name as well as its `stage3_` alias (populate_by_name); 0 is a setting here.
    const count = (field: string) => [`stage3_${field}`, field].map((k) => zero[k]).find((v): v is number => typeof v === 'number' && v >= 0);
    const buckets = {
      reduceBucketElements: elements('reduce_bucket_size'),
      prefetchBucketElements: elements('stage3_prefetch_bucket_size'),
      maxLiveElements: count('max_live_parameters'),
      maxReuseElements: count('max_reuse_distance'),
      persistenceElements: count('param_persistence_threshold'),
    };
    for (const k of Object.keys(buckets) as (keyof typeof buckets)[]) if (buckets[k] === undefined) delete buckets[k];
    return derive(ds, { kind: 'deepspeed', ...(stage !== undefined ? { stage } : {}), offloadParams: offloaded('offload_param'), offloadOptimizer: offloaded('offload_optimizer'), ...buckets });
  }
  const file = fileName(String(ds.value));
  if (stage === undefined) return derive(ds, { kind: 'deepspeed' }, `the ZeRO stage of \`${file}\` is unknown: its name does not say (z0-z3), and the file is not read`);
  const offload = offloadInName(file);
  const params = offload.params && stage === 3;
  const optimizer = offload.optimizer && stage > 0;
  const what = params && optimizer ? ' with parameters and optimizer offloaded' : params ? ' with parameters offloaded' : optimizer ? ' with the optimizer offloaded' : '';
  const bundled = AXOLOTL_ZERO3.has(file) ? NO_REUSE : {};
  const limits = AXOLOTL_ZERO3.has(file) ? ", and as axolotl 0.18's bundled file of that name: `max_live_parameters` and `max_reuse_distance` 0" : '';
  return derive(ds, { kind: 'deepspeed', stage, offloadParams: params, offloadOptimizer: optimizer, ...bundled }, `ZeRO stage ${stage}${what} assumed from the file name \`${file}\`${limits}; the file itself is not read`);
}

/**
 * axolotl 0.18's deepspeed_configs/zero3*.json set `max_live_parameters` and `max_reuse_distance` to 0
 * (ZeRO-3 then releases every module after use and prefetches nothing) and leave the buckets "auto".
 * LLaMA-Factory 0.9.5's examples/deepspeed/ds_z3*_config.json keep DeepSpeed's 1e9 for both.
 */
const AXOLOTL_ZERO3 = new Set(['zero3.json', 'zero3_bf16.json', 'zero3_bf16_cpuoffload_all.json', 'zero3_bf16_cpuoffload_params.json']);
const NO_REUSE: Pick<Sharding, 'maxLiveElements' | 'maxReuseElements'> = { maxLiveElements: 0, maxReuseElements: 0 };

/** What a file name says is offloaded: `offload_param(s)` or `offload_optimizer` alone, else (`offload`, `offload_all`) both. */
function offloadInName(file: string): { params: boolean; optimizer: boolean } {
  if (!/offload/i.test(file)) return { params: false, optimizer: false };
  const params = /offload_?param/i.test(file);
  const optimizer = /offload_?opt/i.test(file);
  return params || optimizer ? { params, optimizer } : { params: true, optimizer: true };
}

/** FSDP sharding strategies (transformers' `fsdp` words, FSDP1's `sharding_strategy`) and the ZeRO stage each matches. */
export const FSDP_STRATEGY_STAGE: Record<string, 0 | 2 | 3> = { full_shard: 3, shard_grad_op: 2, hybrid_shard: 3, hybrid_shard_zero2: 2, no_shard: 0 };

/** transformers' `fsdp` option: `full_shard auto_wrap offload` (string or list). */
export function fsdpSharding(fsdp: Sourced<unknown>): Sourced<Sharding> | undefined {
  const opts = (Array.isArray(fsdp.value) ? fsdp.value.map(String) : typeof fsdp.value === 'string' ? fsdp.value.split(/\s+/) : []).filter(Boolean);
  if (opts.length === 0) return undefined;
  const mode = opts.find((o) => o in FSDP_STRATEGY_STAGE);
  const offload = opts.includes('offload');
  return derive(fsdp, { kind: 'fsdp', stage: mode ? FSDP_STRATEGY_STAGE[mode] : 3, offloadParams: offload, offloadOptimizer: offload }, mode ? undefined : 'no sharding mode among the options: FSDP defaults to full sharding');
}
