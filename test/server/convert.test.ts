import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check } from '../../core/src/index';
import { issueToDiagnostic, positionToOffset, spanToRange } from '../../server/src/convert';
import { ctx, doc } from '../helpers/fixtures';

const at = (text: string) => TextDocument.create('file:///w/a.yml', 'yaml', 1, text);

test('CRLF line ends: positions count lines, not characters', () => {
  const text = 'base_model: a/b\r\nadapter: lora\r\nlora_r: 8\r\n';
  const d = at(text);
  const start = text.indexOf('lora_r');
  assert.deepEqual(spanToRange(d, { start, end: start + 6 }), { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
  assert.equal(positionToOffset(d, { line: 2, character: 0 }), start);
});

test('non-BMP characters count as two UTF-16 units, as LSP positions do', () => {
  const text = '# 🦙 llama\nbase_model: a/b # 🤗\nadapter: lora\n';
  const d = at(text);
  const comment = text.indexOf('🤗');
  assert.deepEqual(d.positionAt(comment + 2), { line: 1, character: 20 });
  const key = text.indexOf('adapter');
  assert.deepEqual(spanToRange(d, { start: key, end: key + 7 }).start, { line: 2, character: 0 });
});

test('tabs are one character each', () => {
  const text = '{\n\t"peft_type": "LORA",\n\t\t"r": 8\n}\n';
  const d = at(text);
  const r = text.indexOf('"r"') + 1;
  assert.deepEqual(d.positionAt(r), { line: 2, character: 3 });
});

test('a diagnostic after CRLF, tabs and an emoji lands on the right line and column', async () => {
  const text = '# 🦙\r\nbase_model: meta-llama/Llama-3.2-1B\r\nadapter: lora\r\nlora_r: 8\r\nlora_r: 16\r\nlora_alpha: 16\r\nlearning_rate: 0.0002\r\nmicro_batch_size: 1\r\ngradient_accumulation_steps: 1\r\ndatasets:\r\n  - path: tatsu-lab/alpaca\r\n    type: alpaca\r\n';
  const issues = await check(doc('/w/a.yml', text), ctx());
  const diag = issueToDiagnostic(at(text), issues[0]);
  assert.equal(diag.code, 'syntax/duplicate-key');
  // On the first `lora_r` (line 3, zero-based), the copy PyYAML drops.
  assert.deepEqual(diag.range.start, { line: 3, character: 0 });
  assert.equal(diag.source, 'peft-lens');
});
