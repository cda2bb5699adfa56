/**
 * The incremental path must be indistinguishable from a full parse: for random edits inside value
 * scalars of real configs, whenever patchScalar accepts the edit, its document equals openDocument's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createContext, openDocument } from '../../core/src/index';
import { patchScalar, updateDocument } from '../../core/src/incremental';
import type { Node, ScalarNode } from '../../core/src/parse/tree';
import { realConfigs } from '../helpers/corpus';
import { Random } from '../helpers/mutate';

const settings = createContext().settings;

function valueScalars(node: Node | null, out: ScalarNode[] = []): ScalarNode[] {
  if (!node) return out;
  if (node.kind === 'map') for (const e of node.entries) valueScalars(e.value, out);
  else if (node.kind === 'seq') for (const i of node.items) valueScalars(i, out);
  else out.push(node);
  return out;
}

const REPLACEMENTS = ['16', '0.0001', '1e-4', 'true', 'no', 'null', 'q_proj', 'meta-llama/Llama-3.2-1B', '-1', '-', 'a b', 'x: y', '#', '"', '[', '8,', ''];

test('patched documents equal full parses (property test over real configs)', () => {
  const rnd = new Random(42);
  const samples = realConfigs();
  let accepted = 0;
  for (let n = 0; n < 3000; n++) {
    const sample = samples[rnd.int(samples.length)];
    const prev = openDocument(sample.path, sample.text, settings);
    const scalars = valueScalars(prev.root);
    if (scalars.length === 0) continue;
    const s = scalars[rnd.int(scalars.length)];
    const start = s.span.start + rnd.int(s.span.end - s.span.start + 1);
    const end = start + rnd.int(s.span.end - start + 1);
    const newText = rnd.pick(REPLACEMENTS);
    const text = sample.text.slice(0, start) + newText + sample.text.slice(end);
    const patched = patchScalar(prev, { span: { start, end }, newText }, text, settings);
    if (!patched) continue;
    accepted++;
    const fresh = openDocument(sample.path, text, settings);
    assert.deepEqual(patched.root, fresh.root, `case ${n}: ${sample.path} edit ${start}-${end} → ${JSON.stringify(newText)}`);
    assert.deepEqual(patched.syntaxIssues, fresh.syntaxIssues);
    assert.equal(patched.format, fresh.format);
  }
  assert.ok(accepted > 500, `only ${accepted} edits took the incremental path`);
});

test('structural edits and quoted values take the full path', () => {
  const text = 'base_model: "a/b"\nadapter: lora\nlora_r: 8\n';
  const prev = openDocument('/p/a.yml', text, settings);
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  assert.equal(patchScalar(prev, { span: at('a/b'), newText: 'c/d' }, text.replace('a/b', 'c/d'), settings), undefined);
  assert.equal(patchScalar(prev, { span: at('adapter'), newText: 'adapters' }, text.replace('adapter', 'adapters'), settings), undefined);
  assert.equal(patchScalar(prev, { span: at('8'), newText: '8\nx' }, text.replace('8', '8\nx'), settings), undefined);
  const typed = updateDocument(prev, { span: at('8'), newText: '16' }, text.replace('lora_r: 8', 'lora_r: 16'), settings);
  assert.deepEqual(typed.root, openDocument('/p/a.yml', text.replace('lora_r: 8', 'lora_r: 16'), settings).root);
});
