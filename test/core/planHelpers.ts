/** Extraction tests: a format's plan for a text, and plan values with where they came from (`key@line`) or `assumed`. */
import assert from 'node:assert/strict';
import type { FormatId, Sourced, TrainingPlan } from '../../core/src/index';
import { FORMATS } from '../../core/src/index';
import { doc, lineOf } from '../helpers/fixtures';

/** The plan `format` extracts from a text at `path` (which must be detected as that format). */
export function extractor(format: FormatId, path: string): (text: string) => TrainingPlan {
  return (text) => {
    const d = doc(path, text);
    assert.equal(d.format, format);
    return FORMATS[format].extract(d);
  };
}

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
