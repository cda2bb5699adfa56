/**
 * Readers for flat HfArgumentParser-style configs (LLaMA-Factory and TRL): values converted the way the
 * tools' loaders do (numbers written as `1e-4` are numbers to them), schema defaults as assumptions,
 * and the sharding a DeepSpeed/FSDP setting amounts to.
 */
import type { ConfigDoc } from '../document';
import { getEntry, toValue } from '../parse/tree';
import type { Sharding, Sourced } from '../plan';
import type { JsonSchema } from '../schema/types';

export type Convert<T> = (v: unknown) => T | undefined;

export const toNumber: Convert<number> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
};
export const toBool: Convert<boolean> = (v) => (typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : undefined);
export const toStr: Convert<string> = (v) => (typeof v === 'string' && v.length > 0 ? v : undefined);
/** A list of names: YAML lists as they are, strings split on commas (how LLaMA-Factory reads them). */
export const toList: Convert<string[]> = (v) => {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return undefined;
};

/** Reads top-level (or nested) keys of one document against one schema's defaults. */
export class FlatConfig {
  constructor(
    readonly doc: ConfigDoc,
    private readonly props: Record<string, JsonSchema>,
    private readonly tool: string,
    /** Where the keys live: the top level, or a block such as `peft_config`. */
    private readonly prefix: string[] = [],
  ) {}

  /** The value written at a key (or a path below the prefix), converted; undefined when absent, null or not convertible. */
  get<T>(path: string | string[], convert: Convert<T>): Sourced<T> | undefined {
    const p = [...this.prefix, ...(typeof path === 'string' ? [path] : path)];
    const entry = getEntry(this.doc.root, p);
    if (!entry?.value) return undefined;
    const value = convert(toValue(entry.value));
    return value === undefined ? undefined : { value, key: p.join('.'), span: entry.value.span };
  }

  /** The written value, else the schema default marked as assumed. */
  value<T>(key: string, convert: Convert<T>): Sourced<T> | undefined {
    const written = this.get(key, convert);
    if (written) return written;
    const d = this.props[key]?.default;
    const value = d === undefined ? undefined : convert(d);
    const name = [...this.prefix, key].join('.');
    return value === undefined ? undefined : { value, assumed: `no \`${name}\`: ${this.tool} uses ${JSON.stringify(d)}` };
  }

  has(key: string): boolean {
    const entry = getEntry(this.doc.root, [...this.prefix, key]);
    return !!entry?.value && toValue(entry.value) !== null;
  }
}

/** The same source with a derived value (e.g. `disable_gradient_checkpointing: false` → checkpointing on). */
export function derive<A, B>(s: Sourced<A>, value: B, assumed?: string): Sourced<B> {
  return { ...s, value, ...(assumed ? { assumed } : {}) };
}

const ZERO_IN_NAME = /(?:^|[^a-z0-9])(?:z|zero|zero_?stage)[_-]?([0-3])(?![0-9])/i;

/** DeepSpeed settings: an inline config is read; a path is judged by its file name. */
export function deepspeedSharding(ds: Sourced<unknown>): Sourced<Sharding> {
  if (ds.value && typeof ds.value === 'object') {
    const zero = (ds.value as { zero_optimization?: Record<string, unknown> }).zero_optimization ?? {};
    const stage = typeof zero.stage === 'number' && zero.stage >= 0 && zero.stage <= 3 ? (zero.stage as 0 | 1 | 2 | 3) : undefined;
    const offloaded = (k: string) => !!zero[k] && (zero[k] as { device?: unknown }).device !== 'none';
    return derive(ds, { kind: 'deepspeed', ...(stage !== undefined ? { stage } : {}), offloadParams: offloaded('offload_param'), offloadOptimizer: offloaded('offload_optimizer') });
  }
  const file = String(ds.value).split(/[\\/]/).pop() ?? '';
  const m = ZERO_IN_NAME.exec(file);
  const offload = /offload/i.test(file);
  if (!m) return derive(ds, { kind: 'deepspeed' }, `the ZeRO stage of \`${file}\` is unknown: its name does not say (z0-z3), and the file is not read`);
  const stage = Number(m[1]) as 0 | 1 | 2 | 3;
  return derive(ds, { kind: 'deepspeed', stage, offloadOptimizer: offload && stage > 0, offloadParams: offload && stage === 3 }, `ZeRO stage ${stage}${offload ? ' with CPU offload' : ''} assumed from the file name \`${file}\`; the file itself is not read`);
}

const FSDP_STAGE: Record<string, 0 | 2 | 3> = { full_shard: 3, shard_grad_op: 2, hybrid_shard: 3, hybrid_shard_zero2: 2, no_shard: 0 };

/** transformers' `fsdp` option: `full_shard auto_wrap offload` (string or list). */
export function fsdpSharding(fsdp: Sourced<unknown>): Sourced<Sharding> | undefined {
  const opts = (Array.isArray(fsdp.value) ? fsdp.value.map(String) : typeof fsdp.value === 'string' ? fsdp.value.split(/\s+/) : []).filter(Boolean);
  if (opts.length === 0) return undefined;
  const mode = opts.find((o) => o in FSDP_STAGE);
  const offload = opts.includes('offload');
  return derive(fsdp, { kind: 'fsdp', stage: mode ? FSDP_STAGE[mode] : 3, offloadParams: offload, offloadOptimizer: offload }, mode ? undefined : 'no sharding mode among the options: FSDP defaults to full sharding');
}
