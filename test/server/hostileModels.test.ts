/** Base models a server must not get stuck on: absurd config.json numbers, a FIFO, /dev/zero. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESTIMATE_REQUEST } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100 };

test('the server answers every document while base models are absurd, FIFOs or /dev/zero', { timeout: 30_000, skip: process.platform === 'win32' }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'peft-lens-models-'));
  const model = (name: string, text?: string) => {
    mkdirSync(join(ws, name));
    if (text !== undefined) writeFileSync(join(ws, name, 'config.json'), text);
  };
  model('layers', JSON.stringify({ ...TINY, num_hidden_layers: 1e12 }));
  model('digits', JSON.stringify(TINY).replace('"num_hidden_layers":2', '"num_hidden_layers":12345678901234567890'));
  model('fifo');
  assert.equal(spawnSync('mkfifo', [join(ws, 'fifo', 'config.json')]).status, 0);
  model('zero');
  symlinkSync('/dev/zero', join(ws, 'zero', 'config.json'));
  model('fine', JSON.stringify(TINY));
  const s = await startSession({ rootPath: ws });
  try {
    const uris = ['layers', 'digits', 'fifo', 'zero', 'fine'].map((name) => [name, s.open(join(ws, `${name}.yml`), `base_model: ./${name}\nadapter: lora\nlora_r: 8\n`)] as const);
    for (const [, uri] of uris) await s.waitForDiagnostics((d) => d.uri === uri);
    for (const [name, uri] of uris) {
      const r = (await s.connection.sendRequest(ESTIMATE_REQUEST, { uri })) as { params?: { trainable: number }; issues: { code: string; message: string }[] };
      assertSaneEstimate(r, name);
      if (name === 'fine') assert.ok(r.params && r.params.trainable > 0);
      else assert.equal(r.params, undefined, name);
      if (name === 'layers' || name === 'digits') assert.ok(r.issues.some((i) => i.code === 'model/invalid-config' && i.message.includes('`num_hidden_layers`')), JSON.stringify(r.issues));
    }
  } finally {
    await s.close();
  }
});
