/**
 * What every format's `extract` is made of: readers that turn tree values into Sourced plan values
 * with their key and span, derived and assumed values, and the PEFT config assembled from its sources.
 */
import type { ConfigDoc } from '../document';
import type { Path } from '../parse/tree';
import { getEntry, toValue } from '../parse/tree';
import type { Sourced, TrainingLoop, TrainingPlan } from '../plan';

/** Turns a plain value into the plan's type, or undefined when it does not fit. */
export type Convert<T> = (v: unknown) => T | undefined;

/** The value at a path, converted, with the span of that value; undefined when absent, null, infinite or not convertible. */
export function read<T>(doc: ConfigDoc, path: Path, convert: Convert<T>): Sourced<T> | undefined {
  const entry = getEntry(doc.root, path);
  if (!entry?.value) return undefined;
  const plain = toValue(entry.value);
  // `.inf` and `1e999` load as infinity, which no setting can mean: check reports them, plans leave them out.
  if (typeof plain === 'number' && !Number.isFinite(plain)) return undefined;
  const value = convert(plain);
  return value === undefined ? undefined : { value, key: path.map(String).join('.'), span: entry.value.span };
}

/** The value at a path when it passes `accept` (a type guard), with its span. */
export function sourced<T>(doc: ConfigDoc, path: Path, accept: (v: unknown) => v is T): Sourced<T> | undefined {
  return read(doc, path, (v) => (accept(v) ? v : undefined));
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/**
 * A whole number the way a lax loader reads one (pydantic's default mode, argparse's `type=int`):
 * a number, or a string of digits, which it converts; infinite and inexact values are left out.
 */
export const toLooseInt: Convert<number> = (v) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
};
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

export function assumed<T>(value: T, why: string): Sourced<T> {
  return { value, assumed: why };
}

/** A value computed from another, keeping its source (e.g. `disable_gradient_checkpointing: false` → checkpointing on). */
export function derive<A, B>(s: Sourced<A>, value: B, assumed?: string): Sourced<B> {
  return { ...s, value, ...(assumed ? { assumed } : {}) };
}

/**
 * The plan's `peft` (the PEFT config: fixed keys plus the value of every source) and `peftSources`
 * (where each value came from), from the sources a format found; undefined sources are left out.
 */
export function peftFromSources(fixed: Record<string, unknown>, sources: Record<string, Sourced<unknown> | undefined>): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const peftSources = Object.fromEntries(Object.entries(sources).filter((e): e is [string, Sourced<unknown>] => e[1] !== undefined));
  const peft = { ...fixed, ...Object.fromEntries(Object.entries(peftSources).map(([k, s]) => [k, s.value])) };
  return { peft, peftSources };
}

/**
 * The loop a Trainer-based tool runs (transformers' Trainer frees the model output before backward and
 * pads batches with its collator); `--loop plain` or the trainingLoop setting replaces it.
 */
export function trainerLoop(tool: string, loop = "transformers' Trainer"): Sourced<TrainingLoop> {
  return assumed('trainer', `${tool} trains with ${loop}: the model output is freed before backward`);
}
