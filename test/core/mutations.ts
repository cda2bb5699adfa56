/**
 * Mutation tests on real configs: break one top-level key of a config that checks clean (misspell it,
 * give it a value of the wrong type, an unknown enum value, a number below its minimum) and expect an
 * issue with the matching code on that very line.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FormatId } from '../../core/src/index';
import { check, FORMATS } from '../../core/src/index';
import { propertySchemas } from '../../core/src/schema/lookup';
import type { JsonSchema } from '../../core/src/schema/types';
import { ctx, doc, lineOf } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';

interface Mutation {
  kind: string;
  line: number;
  text: string;
  code: string;
}

const SCALAR_LINE = /^([A-Za-z_][\w]*):[ \t]+([^#\s][^#]*?)[ \t]*(#.*)?$/;

/** Swaps two inner letters: `lora_rank` → `lora_rnak`, the typo an editor should catch. */
function misspell(key: string): string {
  const i = Math.max(1, Math.floor(key.length / 2));
  return key.slice(0, i - 1) + key[i] + key[i - 1] + key.slice(i + 1);
}

function typesOf(schemas: JsonSchema[]): string[] {
  return schemas.flatMap((s) => [s.type ?? [], ...(s.anyOf ?? []).map((b) => b.type ?? [])].flat());
}

export function mutationsOf(text: string, schema: JsonSchema): Mutation[] {
  const lines = text.split('\n');
  const out: Mutation[] = [];
  lines.forEach((line, i) => {
    const m = SCALAR_LINE.exec(line);
    if (!m) return;
    const [, key, value] = m;
    const props = propertySchemas(schema, schema, key);
    if (props.length === 0) return;
    const swap = (replacement: string) => [...lines.slice(0, i), replacement, ...lines.slice(i + 1)].join('\n');
    const typo = misspell(key);
    if (typo !== key && propertySchemas(schema, schema, typo).length === 0) out.push({ kind: `misspelt ${key}`, line: i + 1, text: swap(line.replace(key, typo)), code: 'schema/unknown-key' });
    const types = typesOf(props);
    if ((types.includes('integer') || types.includes('number') || types.includes('boolean')) && !types.includes('string')) {
      // A flag the tool only tests for truthiness (`x-truth-tested`) takes a word as true: a truth-value warning, not a type error.
      const truthTested = props.some((p) => p['x-truth-tested']);
      out.push({ kind: `${key} given a word`, line: i + 1, text: swap(`${key}: plenty`), code: truthTested ? 'schema/truth-value' : 'schema/wrong-type' });
    }
    // An enum the tool only compares against some values (`x-other-values`) takes any other word as one of them.
    const withEnum = props.find((p) => p.enum?.some((v) => typeof v === 'string') && !p['x-other-values']);
    if (withEnum) out.push({ kind: `${key} given an unknown value`, line: i + 1, text: swap(`${key}: ${value.replace(/^["']|["']$/g, '')}_typo`), code: 'schema/invalid-value' });
    const withMin = props.find((p) => typeof p.minimum === 'number');
    if (withMin && !types.includes('string')) out.push({ kind: `${key} below its minimum`, line: i + 1, text: swap(`${key}: ${Number(withMin.minimum) - 1}`), code: 'schema/out-of-range' });
  });
  return out;
}

export function mutationTests(format: FormatId, files: string[]): void {
  const root = requireShared('upstream-configs');
  test(`${format} mutations of real configs are caught at the mutated line`, async () => {
    const missed: string[] = [];
    let count = 0;
    for (const rel of files) {
      const path = join(root, rel);
      const original = readFileSync(path, 'utf8');
      const d = doc(path, original);
      assert.equal(d.format, format, rel);
      for (const m of mutationsOf(original, FORMATS[format].schema(d)!)) {
        count++;
        const issues = await check(doc(path, m.text), ctx());
        if (!issues.some((i) => i.code === m.code && lineOf(m.text, i.span.start) === m.line)) {
          missed.push(`${rel}: ${m.kind} (line ${m.line}) → ${issues.map((i) => `${i.code}@${lineOf(m.text, i.span.start)}`).join(', ') || 'nothing'}`);
        }
      }
    }
    assert.ok(count > 50, `only ${count} mutations`);
    assert.deepEqual(missed, []);
  });
}
