/**
 * Readers for flat HfArgumentParser-style configs (LLaMA-Factory and TRL): values converted the way the
 * tools' loaders do (numbers written as `1e-4` are numbers to them), schema defaults as assumptions, and
 * the sharding of transformers' `deepspeed` / `fsdp` arguments.
 */
import type { ConfigDoc } from '../document';
import { getEntry, toValue } from '../parse/tree';
import type { Sharding, Sourced } from '../plan';
import { truthy } from '../rules/rule';
import type { JsonSchema } from '../schema/types';
import type { Convert } from './extractHelpers';
import { assumed, read } from './extractHelpers';
import { deepspeedSharding, fsdpSharding } from './sharding';

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
/** Any value but null, as it is (DeepSpeed and FSDP settings are strings, lists or mappings). */
export const toAny: Convert<unknown> = (v) => (v === null ? undefined : v);

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
    return read(this.doc, [...this.prefix, ...(typeof path === 'string' ? [path] : path)], convert);
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

/** transformers' `deepspeed` (a config file or an inline mapping; off when falsy, as `if args.deepspeed:` reads it), else its `fsdp` option. */
export function trainerSharding(c: FlatConfig): Sourced<Sharding> | undefined {
  const ds = c.get('deepspeed', toAny);
  if (ds && truthy(ds.value)) return deepspeedSharding(ds);
  const fsdp = c.get('fsdp', toAny);
  return fsdp && fsdpSharding(fsdp);
}

/** transformers' default `optim`, which LLaMA-Factory and TRL keep when the file names none. */
export function defaultOptimizer(): Sourced<string> {
  return assumed('adamw_torch_fused', "no `optim`: transformers' fused AdamW (`adamw_torch` before torch 2.8; same memory)");
}
