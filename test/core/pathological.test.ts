/**
 * Inputs built to hurt a parser: each is answered within bounded time and memory, with a clear issue
 * where the file cannot be analysed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, completeAt, createContext, estimate, hoverAt, openDocument } from '../../core/src/index';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const ctx = createContext();

async function everything(path: string, text: string) {
  const started = performance.now();
  const heap = process.memoryUsage().heapUsed;
  const doc = openDocument(path, text, ctx.settings);
  const issues = await check(doc, ctx);
  await hoverAt(doc, Math.floor(text.length / 2), ctx);
  await completeAt(doc, text.length, ctx);
  assertSaneEstimate(await estimate(doc, ctx), path);
  return { doc, issues, ms: performance.now() - started, heapGrowth: process.memoryUsage().heapUsed - heap };
}

test('a YAML alias bomb (billion laughs) stays bounded', async () => {
  const lines = ['base_model: a/b', 'adapter: lora', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 12; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  const r = await everything('/p/bomb.yml', `${lines.join('\n')}\n`);
  assert.equal(r.doc.format, 'axolotl');
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  assert.ok(r.heapGrowth < 500 * 2 ** 20, `heap grew ${r.heapGrowth} bytes`);
});

test('a 5 MB config is not analysed: a clear file/too-large issue instead', async () => {
  const text = `base_model: a/b\nadapter: lora\ndatasets:\n${'  - path: org/data\n    type: alpaca\n'.repeat(140_000)}`;
  assert.ok(text.length > 5_000_000);
  const r = await everything('/p/huge.yml', text);
  assert.deepEqual(r.issues.map((i) => i.code), ['file/too-large']);
  assert.match(r.issues[0].message, /MB/);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('1,000-deep nesting in YAML and JSON is answered', async () => {
  const yaml = `base_model: a/b\nadapter: lora\nextra: ${'['.repeat(1000)}1${']'.repeat(1000)}\n`;
  const json = `{"peft_type": "LORA", "r": 8, "auto_mapping": ${'{"a": '.repeat(1000)}1${'}'.repeat(1000)}}`;
  const block = `base_model: a/b\nadapter: lora\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;
  for (const [path, text] of [['/p/deep.yml', yaml], ['/p/adapter_config.json', json], ['/p/block.yml', block]]) {
    const r = await everything(path, text);
    assert.ok(r.doc.format, path);
    assert.ok(r.ms < 10_000, `${path} took ${r.ms} ms`);
  }
});

test('a binary file with a .yaml name gets file/binary and nothing else', async () => {
  const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const r = await everything('/p/weights.yaml', bytes);
  assert.deepEqual(r.issues.map((i) => i.code), ['file/binary']);
});

test('a flat mapping of 20,000 keys is checked in linear time, duplicates still found, issues capped', async () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `key_${i}: ${i}`);
  keys.splice(10, 0, 'key_7: again');
  const text = `base_model: a/b\nadapter: lora\n${keys.join('\n')}\n`;
  const r = await everything('/p/flat.yml', text);
  assert.ok(r.ms < 5_000, `took ${r.ms} ms`);
  assert.equal(r.issues.filter((i) => i.code === 'syntax/duplicate-key').length, 1);
  // 20,000 unknown keys: the first 1,000 issues are reported, and one note says how many were cut.
  assert.equal(r.issues.filter((i) => i.code === 'file/too-many-issues').length, 1);
  assert.equal(r.issues.length, 1001);
});

describe('thousands of YAML anchors and aliases check fast', () => {
  const head = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\n';
  const shapes: [string, string, boolean][] = [
    // 4,000 anchors, each aliased once: about 125 KB, nothing to cut.
    ['4,000 anchors each aliased once', `${head}defs:\n${Array.from({ length: 4000 }, (_, i) => `  - &a${i} {n: ${i}}`).join('\n')}\nuses:\n${Array.from({ length: 4000 }, (_, i) => `  - *a${i}`).join('\n')}\n`, false],
    ['one anchor aliased 4,000 times', `${head}base: &b {x: 1, y: [1, 2, 3], z: {q: 1}}\nuses:\n${'  - *b\n'.repeat(4000)}`, false],
    // Each merges the one before: the loader's dicts hold 8 million keys between them.
    ['4,000 anchors merging the previous', `${head}defs:\n  d0: &a0 {k0: 0}\n${Array.from({ length: 3999 }, (_, i) => `  d${i + 1}: &a${i + 1} {<<: *a${i}, k${i + 1}: ${i + 1}}`).join('\n')}\n`, true],
    // Each lists the previous two: the expansion doubles every step.
    ['4,000 anchors listing the previous two', `${head}defs:\n  d0: &a0 [0]\n  d1: &a1 [1]\n${Array.from({ length: 3998 }, (_, i) => `  d${i + 2}: &a${i + 2} [*a${i + 1}, *a${i}]`).join('\n')}\n`, true],
  ];
  for (const [name, text, cut] of shapes) {
    test(`${name} (${Math.round(text.length / 1024)} KB)`, { timeout: 20_000 }, async () => {
      const ctx = createContext({});
      const started = performance.now();
      const issues = await check(openDocument('/ws/anchors.yml', text, ctx.settings), ctx);
      const ms = performance.now() - started;
      assert.ok(ms < 5000, `check took ${ms.toFixed(0)} ms`);
      assert.equal(issues.some((i) => i.code === 'syntax/alias-expansion'), cut, issues.map((i) => i.code).join(', '));
    });
  }
});
