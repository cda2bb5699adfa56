/**
 * Helpers shared by the PEFT rule families. PEFT's `__post_init__` checks read the dataclass fields, so a
 * key missing from the file has its dataclass default; `setting` reproduces that.
 */
import type { Path } from '../../parse/tree';
import type { Rule, RuleContext } from '../rule';
import { Reporter, writtenOr } from '../rule';

export type Config = Record<string, unknown>;

/** The peft_type as written, when it is a string. */
export function peftTypeOf(config: Config): string | undefined {
  return typeof config.peft_type === 'string' ? config.peft_type : undefined;
}

/** A field as PEFT's dataclass sees it: the file's value, or the default when the key is absent. */
export function setting(config: Config, key: string, fallback: unknown = null): unknown {
  return Object.prototype.hasOwnProperty.call(config, key) ? config[key] : fallback;
}

export function isPresent(config: Config, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(config, key);
}

/** The key an issue about a key's absence is reported on: the key that requires it is the method choice. */
export const PEFT_TYPE_PATH: Path = ['peft_type'];

/** Where to report a condition on `key`: on the key when written, else on `peft_type`. */
export function at(config: Config, key: string): Path {
  return writtenOr(config, key, 'peft_type');
}

/** Python's `str(value)` for messages (booleans and null the way PEFT users write them in Python). */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

/** A rule that only runs for the listed peft_types (all of them when `types` is null). */
export function peftRule(types: readonly string[] | null, codes: Record<string, string>, check: (r: Reporter, config: Config, ctx: RuleContext) => void): Rule {
  return {
    codes,
    check(ctx) {
      const type = peftTypeOf(ctx.config);
      if (types && (type === undefined || !types.includes(type))) return [];
      const reporter = new Reporter(ctx);
      check(reporter, ctx.config, ctx);
      return reporter.issues;
    },
  };
}
