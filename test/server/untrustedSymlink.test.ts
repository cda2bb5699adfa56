/** An untrusted workspace: a symlink inside it that leads outside is judged by its real path and not read. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESTIMATE_REQUEST } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const SECRET = 'SECRETVALUE1234';

test('untrusted: a base model symlinked to outside the workspace is not read, nothing of it appears', async () => {
  const top = mkdtempSync(join(tmpdir(), 'peft-lens-untrusted-'));
  const ws = join(top, 'ws');
  mkdirSync(join(top, 'outside'), { recursive: true });
  mkdirSync(join(ws, 'inside'), { recursive: true });
  writeFileSync(join(top, 'outside', 'config.json'), JSON.stringify({ model_type: SECRET, hidden_size: 77777 }));
  writeFileSync(join(ws, 'inside', 'config.json'), JSON.stringify({ model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100 }));
  symlinkSync(join(top, 'outside'), join(ws, 'linked'));
  const s = await startSession({ rootPath: ws, initializationOptions: { trusted: false } });
  try {
    const linked = s.open(join(ws, 'linked.yml'), 'base_model: ./linked\nadapter: lora\nlora_r: 8\n');
    const inside = s.open(join(ws, 'inside.yml'), 'base_model: ./inside\nadapter: lora\nlora_r: 8\n');
    const published = await s.waitForDiagnostics((d) => d.uri === linked);
    assert.ok(!JSON.stringify(published).includes(SECRET), JSON.stringify(published));
    const r = (await s.connection.sendRequest(ESTIMATE_REQUEST, { uri: linked })) as { params?: unknown; issues: unknown[] };
    assert.ok(!JSON.stringify(r).includes(SECRET) && !JSON.stringify(r).includes('77777'), JSON.stringify(r.issues));
    assert.equal(r.params, undefined);
    assertSaneEstimate(r);
    // The same workspace's own model folder is still read.
    const ok = (await s.connection.sendRequest(ESTIMATE_REQUEST, { uri: inside })) as { params?: { trainable: number } };
    assert.ok(ok.params && ok.params.trainable > 0, JSON.stringify(ok));
  } finally {
    await s.close();
  }
});
