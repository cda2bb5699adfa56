/**
 * Mutation test over PEFT's own adapter configs (../shared/upstream-configs/peft): each real file is
 * broken in one place — a misspelt key, a value of the wrong type, an enum value PEFT does not know, a
 * number out of range — and check() must report an issue of the right kind on the mutated line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConfigDoc } from '../../core/src/index';
import { check, FORMATS } from '../../core/src/index';
import type { Entry, Path } from '../../core/src/parse/tree';
import { keyText, toValue } from '../../core/src/parse/tree';
import { knownKeys, schemasAt } from '../../core/src/schema/lookup';
import type { JsonSchema } from '../../core/src/schema/types';
import { ctx, doc, lineOf } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';

const CORPUS = requireShared('upstream-configs', 'peft');

interface Mutation {
  kind: 'misspelt key' | 'wrong type' | 'bad enum value' | 'out of range';
  where: string;
  start: number;
  end: number;
  replacement: string;
  /** Codes any one of which must appear on the mutated line. */
  codes: string[];
  /** Text the issue's message must contain (the did-you-mean of a misspelt key). */
  mentions?: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.json') ? [p] : [];
  });
}

/** Top-level entries and the entries of top-level mappings (sub-configs such as `use_bdlora`). */
function entries(d: ConfigDoc): [Path, Entry][] {
  if (d.root?.kind !== 'map') return [];
  return d.root.entries.flatMap((e): [Path, Entry][] => {
    const nested = e.value?.kind === 'map' ? e.value.entries.map((n): [Path, Entry] => [[keyText(e), keyText(n)], n]) : [];
    return [[[keyText(e)], e], ...nested];
  });
}

function enumValues(schemas: JsonSchema[]): string[] {
  const all = (s: JsonSchema): unknown[] => [...(s.enum ?? []), ...(s.anyOf ?? []).flatMap(all), ...(s.oneOf ?? []).flatMap(all)];
  return schemas.flatMap(all).filter((v): v is string => typeof v === 'string');
}

function outOfRange(schemas: JsonSchema[]): number | undefined {
  for (const s of schemas.flatMap((x) => [x, ...(x.allOf ?? [])])) {
    if (s.minimum !== undefined) return s.minimum - 1;
    if (s.exclusiveMinimum !== undefined) return s.exclusiveMinimum;
    if (s.maximum !== undefined) return s.maximum + 1;
  }
  return undefined;
}

function mutations(d: ConfigDoc): Mutation[] {
  const schema = FORMATS['peft-adapter'].schema(d)!;
  const out: Mutation[] = [];
  for (const [path, entry] of entries(d)) {
    const key = path[path.length - 1] as string;
    const where = path.join('.');
    const schemas = schemasAt(schema, path);
    const known = knownKeys(schema, path.slice(0, -1));
    const i = Math.floor(key.length / 2);
    const misspelt = key.slice(0, i + 1) + key.slice(i);
    if (key !== 'peft_type' && known.has(key) && !known.has(misspelt)) {
      out.push({ kind: 'misspelt key', where, start: entry.key.span.start, end: entry.key.span.end, replacement: misspelt, codes: ['schema/unknown-key'], mentions: `\`${key}\`` });
    }
    const value = toValue(entry.value);
    if (!entry.value || value === null || schemas.length === 0) continue;
    // Spans of quoted scalars leave the quotes out; a replacement value replaces them too.
    const quoted = entry.value.kind === 'scalar' && entry.value.quoted ? 1 : 0;
    const [start, end] = [entry.value.span.start - quoted, entry.value.span.end + quoted];
    const wrongType = typeof value === 'object' && !Array.isArray(value) ? '42' : '{"oops": 1}';
    out.push({ kind: 'wrong type', where, start, end, replacement: wrongType, codes: ['schema/wrong-type', 'schema/invalid-value'] });
    if (typeof value === 'string' && enumValues(schemas).length > 0) {
      out.push({ kind: 'bad enum value', where, start, end, replacement: JSON.stringify(`${value}_typo`), codes: ['schema/invalid-value'] });
    }
    const bad = typeof value === 'number' ? outOfRange(schemas) : undefined;
    if (bad !== undefined) out.push({ kind: 'out of range', where, start, end, replacement: String(bad), codes: ['schema/out-of-range'] });
  }
  return out;
}

test('every mutation of a real PEFT config is reported on the mutated line', async (t) => {
  const missed: string[] = [];
  const kinds = new Map<string, number>();
  for (const path of files(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    for (const m of mutations(doc(path, text))) {
      const mutated = text.slice(0, m.start) + m.replacement + text.slice(m.end);
      const line = lineOf(mutated, m.start);
      const issues = (await check(doc(path, mutated), ctx())).filter((i) => lineOf(mutated, i.span.start) === line && m.codes.includes(i.code));
      const hit = issues.some((i) => !m.mentions || i.message.includes(m.mentions));
      kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
      if (!hit) missed.push(`${path.slice(CORPUS.length + 1)}: ${m.kind} at ${m.where} (${m.replacement})`);
    }
  }
  t.diagnostic([...kinds].map(([kind, n]) => `${n} ${kind}`).join(', '));
  assert.deepEqual(missed, []);
  for (const kind of ['misspelt key', 'wrong type', 'bad enum value', 'out of range']) assert.ok((kinds.get(kind) ?? 0) >= 40, `only ${kinds.get(kind) ?? 0} ${kind} mutations`);
});
