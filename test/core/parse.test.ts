import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, hoverAt } from '../../core/src/index';
import { getNode, locate, toValue } from '../../core/src/parse/tree';
import { parseText } from '../../core/src/parse/parse';
import { ctx, doc, lineOf, withCursor } from '../helpers/fixtures';

test('YAML is read as PyYAML reads it (YAML 1.1)', () => {
  const { root } = parseText('a: yes\nb: 1e-4\nc: 1.0e-4\nd: 010\ne: "1e-4"\nf: ~\n', 'yaml');
  assert.deepEqual(toValue(root), { a: true, b: '1e-4', c: 0.0001, d: 8, e: '1e-4', f: null });
});

test('every node has the span of its text', () => {
  const text = 'model:\n  lora_rank: 8\nlist: [a, b]\n';
  const { root } = parseText(text, 'yaml');
  const rank = getNode(root, ['model', 'lora_rank'])!;
  assert.equal(text.slice(rank.span.start, rank.span.end), '8');
  const b = getNode(root, ['list', 1])!;
  assert.equal(text.slice(b.span.start, b.span.end), 'b');
  const json = '{"r": 16, "target_modules": ["q_proj"]}';
  const j = parseText(json, 'json');
  const q = getNode(j.root, ['target_modules', 0])!;
  assert.equal(json.slice(q.span.start, q.span.end), 'q_proj');
});

test('a YAML syntax error is one issue at the right line, and the rest of the file still answers', async () => {
  const marked = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: [8, 16\n<|>micro_batch_size: 2\nsequence_len: 2048\n';
  const { text, offset } = withCursor(marked);
  const d = doc('/w/cfg.yml', text);
  assert.equal(d.format, 'axolotl');
  const issues = await check(d, ctx());
  const syntax = issues.filter((i) => i.code.startsWith('syntax/'));
  assert.equal(syntax.length, 1, JSON.stringify(syntax));
  assert.equal(syntax[0].severity, 'error');
  assert.equal(lineOf(text, syntax[0].span.start), 4);
  const hover = await hoverAt(d, offset + 2, ctx());
  assert.ok(hover?.markdown.includes('micro_batch_size'), 'hover answers after the error');
});

test('a JSON syntax error is one issue at the right line and column', async () => {
  const text = '{\n  "peft_type": "LORA",\n  "r": 8,\n  "lora_alpha": 16,,\n  "target_modules": ["q_proj"]\n}\n';
  const d = doc('/w/adapter_config.json', text);
  const issues = (await check(d, ctx())).filter((i) => i.code.startsWith('syntax/'));
  assert.equal(issues.length, 1, JSON.stringify(issues));
  assert.equal(lineOf(text, issues[0].span.start), 4);
  assert.equal(text.slice(issues[0].span.start, issues[0].span.end), ',');
  const hover = await hoverAt(d, text.indexOf('"r"') + 1, ctx());
  assert.ok(hover?.markdown.includes('`r`'));
});

test('comments and trailing commas are JSON errors, as json.load says', async () => {
  const d = doc('/w/adapter_config.json', '{\n  // note\n  "peft_type": "LORA",\n}\n');
  const codes = (await check(d, ctx())).map((i) => i.code);
  assert.deepEqual(codes, ['syntax/invalid-json', 'syntax/invalid-json']);
});

test('duplicate keys are warnings on the copy the loader drops: it keeps the last value', async () => {
  const text = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\nlora_r: 16\nlora_alpha: 16\nlearning_rate: 0.0002\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n';
  const d = doc('/w/x.yml', text);
  const issues = await check(d, ctx());
  assert.deepEqual(issues.map((i) => [i.code, i.severity, lineOf(text, i.span.start)]), [['syntax/duplicate-key', 'warning', 3]]);
  assert.equal((toValue(d.root) as Record<string, unknown>).lora_r, 16);
});

test('aliases and merge keys resolve without copying, and an alias bomb stays bounded', () => {
  const { root } = parseText('base: &b {r: 8, alpha: 16}\nuse:\n  <<: *b\n  r: 32\n', 'yaml');
  assert.deepEqual(toValue(getNode(root, ['use'])), { r: 32, alpha: 16 });
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 30; i++) bomb.push(`${String.fromCharCode(97 + (i % 26))}${i}: &n${i} [${Array(10).fill(i === 1 ? '*a' : `*n${i - 1}`).join(',')}]`);
  const started = Date.now();
  const parsed = parseText(bomb.join('\n'), 'yaml');
  toValue(parsed.root);
  assert.ok(Date.now() - started < 5000);
});

test('locate finds keys, values and sequence items', () => {
  const text = 'model:\n  targets: [q_proj, v_proj]\n';
  const { root } = parseText(text, 'yaml');
  const onKey = locate(root, text.indexOf('targets') + 2);
  assert.deepEqual([onKey.path, onKey.onKey], [['model', 'targets'], true]);
  const onItem = locate(root, text.indexOf('v_proj') + 1);
  assert.deepEqual([onItem.path, onItem.onKey], [['model', 'targets', 1], false]);
});

test('parsing never throws on arbitrary bytes', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let n = 0; n < 300; n++) {
    const text = Array.from({ length: 80 }, () => String.fromCharCode(Math.floor(rnd() * 128))).join('');
    parseText(text, 'yaml');
    parseText(text, 'json');
  }
});
