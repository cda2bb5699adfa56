/** Extraction tests: plan values with where they came from (`key@line`) or `assumed`. */
import type { Sourced } from '../../core/src/index';
import { lineOf } from '../helpers/fixtures';

export type Origin = [value: unknown, from: string];

export function origin(text: string, s: Sourced<unknown> | undefined): Origin | undefined {
  if (!s) return undefined;
  if (s.span && s.key) return [s.value, `${s.key}@${lineOf(text, s.span.start)}`];
  return [s.value, s.assumed ? 'assumed' : '?'];
}

export function origins(text: string, record: Record<string, Sourced<unknown> | undefined> | undefined): Record<string, Origin> {
  const out: Record<string, Origin> = {};
  for (const [k, s] of Object.entries(record ?? {})) {
    const o = origin(text, s);
    if (o) out[k] = o;
  }
  return out;
}
