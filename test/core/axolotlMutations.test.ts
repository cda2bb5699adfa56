/**
 * Mutation test on the real axolotl configs: break one line the way people do (a misspelt key, a
 * value of the wrong type, a value outside the allowed set or range, a QLoRA without its 4-bit base)
 * and expect an issue with the right code on exactly that line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import schema from '../../schemas/axolotl.schema.json';
import { check } from '../../core/src/index';
import { ctx, doc, lineOf } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';

const CORPUS = requireShared('upstream-configs', 'axolotl');
const KEYS = new Set(Object.keys(schema.properties));

interface Mutation {
  name: string;
  /** Rewrites one line of the file; returns undefined when the file has no line to mutate. */
  apply(lines: string[]): { line: number; text: string } | undefined;
  code: string;
  severity: string;
}

function topLevel(lines: string[], key: string): number {
  return lines.findIndex((l) => l.startsWith(`${key}:`));
}

/** Replace the value of a top-level `key:` line (keeping any trailing comment out of the way). */
function setValue(key: string, value: (old: string) => string | undefined) {
  return (lines: string[]) => {
    const i = topLevel(lines, key);
    if (i < 0) return undefined;
    const old = lines[i].slice(key.length + 1).replace(/\s+#.*$/, '').trim();
    const next = value(old);
    if (next === undefined) return undefined;
    return { line: i + 1, text: [...lines.slice(0, i), `${key}: ${next}`, ...lines.slice(i + 1)].join('\n') };
  };
}

function misspell(lines: string[]) {
  for (let i = 0; i < lines.length; i++) {
    const key = /^([a-z][a-z0-9_]{5,}):/.exec(lines[i])?.[1];
    if (!key || key === 'base_model' || !KEYS.has(key)) continue;
    const typo = key.slice(0, 2) + key[3] + key[2] + key.slice(4);
    if (typo === key || KEYS.has(typo)) continue;
    return { line: i + 1, text: [...lines.slice(0, i), lines[i].replace(key, typo), ...lines.slice(i + 1)].join('\n') };
  }
  return undefined;
}

const MUTATIONS: Mutation[] = [
  { name: 'misspelt key', apply: misspell, code: 'schema/unknown-key', severity: 'warning' },
  { name: 'list where a number goes', apply: setValue('sequence_len', (v) => (/^\d+$/.test(v) ? `[${v}]` : undefined)), code: 'schema/wrong-type', severity: 'error' },
  { name: 'word where a number goes', apply: setValue('learning_rate', (v) => (v ? 'fast' : undefined)), code: 'schema/wrong-type', severity: 'error' },
  { name: 'optimizer typo', apply: setValue('optimizer', (v) => (v ? `${v}z` : undefined)), code: 'schema/invalid-value', severity: 'error' },
  { name: 'scheduler typo', apply: setValue('lr_scheduler', (v) => (v ? `${v}_sched` : undefined)), code: 'schema/invalid-value', severity: 'error' },
  { name: 'rank 0', apply: setValue('lora_r', (v) => (/^\d+$/.test(v) ? '0' : undefined)), code: 'schema/out-of-range', severity: 'error' },
  { name: 'negative micro batch', apply: setValue('micro_batch_size', (v) => (/^\d+$/.test(v) ? '-1' : undefined)), code: 'schema/out-of-range', severity: 'error' },
  { name: 'QLoRA without its 4-bit base', apply: setValue('load_in_4bit', (v) => (v === 'true' ? 'false' : undefined)), code: 'axolotl/qlora-needs-4bit', severity: 'error' },
  { name: 'short attention name', apply: setValue('attn_implementation', (v) => (v === 'flash_attention_2' ? 'flash' : undefined)), code: 'axolotl/invalid-attn-implementation', severity: 'error' },
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? yamlFiles(join(dir, n)) : /\.ya?ml$/.test(n) ? [join(dir, n)] : []));
}

/** Top-level keys are only reported as unknown when no plugin we do not model is listed. */
function reportsUnknownKeys(text: string): boolean {
  const plugins = /^plugins:\s*\n((?:\s+-.*\n|\s*#.*\n)+)/m.exec(text)?.[1] ?? '';
  return [...plugins.matchAll(/-\s*(\S+)/g)].every((m) => /LigerPlugin|CutCrossEntropyPlugin/.test(m[1]));
}

test('mutated real configs get an issue on the mutated line', async () => {
  const misses: string[] = [];
  const applied = new Map<string, number>();
  for (const path of yamlFiles(CORPUS)) {
    const original = readFileSync(path, 'utf8');
    if (doc(path, original).format !== 'axolotl') continue;
    const lines = original.split('\n');
    for (const m of MUTATIONS) {
      if (m.code === 'schema/unknown-key' && !reportsUnknownKeys(original)) continue;
      if (m.code === 'axolotl/qlora-needs-4bit' && !/^adapter:\s*qlora\b/m.test(original)) continue;
      const mutated = m.apply(lines);
      if (!mutated) continue;
      applied.set(m.name, (applied.get(m.name) ?? 0) + 1);
      const issues = await check(doc(path, mutated.text), ctx());
      const hit = issues.find((i) => i.code === m.code && lineOf(mutated.text, i.span.start) === mutated.line);
      if (!hit) misses.push(`${relative(CORPUS, path)}:${mutated.line} ${m.name}: got ${issues.map((i) => `${i.code}@${lineOf(mutated.text, i.span.start)}`).join(', ')}`);
      else if (hit.severity !== m.severity) misses.push(`${relative(CORPUS, path)}:${mutated.line} ${m.name}: severity ${hit.severity}`);
    }
  }
  assert.deepEqual(misses, []);
  for (const m of MUTATIONS) assert.ok((applied.get(m.name) ?? 0) >= 5, `${m.name} applied to only ${applied.get(m.name) ?? 0} configs`);
});
