/** Small readers that turn tree values into Sourced plan values with their spans. */
import type { ConfigDoc } from '../document';
import type { Path } from '../parse/tree';
import { getEntry, toValue } from '../parse/tree';
import type { Sourced } from '../plan';

/** The value at a path with the span of that value, or undefined when absent or null. */
export function sourced<T>(doc: ConfigDoc, path: Path, accept: (v: unknown) => v is T): Sourced<T> | undefined {
  const entry = getEntry(doc.root, path);
  if (!entry?.value) return undefined;
  const value = toValue(entry.value);
  if (!accept(value)) return undefined;
  return { value, key: path.map(String).join('.'), span: entry.value.span };
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

export function assumed<T>(value: T, why: string): Sourced<T> {
  return { value, assumed: why };
}
