/**
 * An edit storm: 1,000 didChange notifications in one burst. The last diagnostics published must be
 * for the final version, none may be for a version older than one already published, and a document
 * closed in the middle of a storm gets nothing after its clearing publish.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSession } from '../helpers/lsp';

const BASE = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\nmicro_batch_size: 2\n';

test('1,000 changes in a burst: the last publish is for the final version', async () => {
  const s = await startSession();
  try {
    const uri = s.open('/storm/train.yml', BASE);
    await s.waitForDiagnostics((p) => p.uri === uri);
    for (let v = 2; v <= 1001; v++) {
      // Alternate between a valid and a broken file so the diagnostics differ by version.
      const text = v % 2 ? BASE.replace('lora_r: 8', `lora_r: ${v}`) : `${BASE}lora_r: [${v}\n`;
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    }
    const last = await s.waitForDiagnostics((p) => p.uri === uri && p.version === 1001);
    assert.equal(last.version, 1001);
    const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'publishes arrive in version order');
    assert.ok(versions.length < 1001, `coalesced: ${versions.length} publishes for 1,001 versions`);
  } finally {
    await s.close();
  }
});

test('a document closed during a storm gets nothing after its clearing publish', async () => {
  const s = await startSession();
  try {
    const uri = s.open('/storm/closed.yml', BASE);
    await s.waitForDiagnostics((p) => p.uri === uri);
    for (let v = 2; v <= 500; v++) {
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `${BASE}# ${v}\n` }] });
    }
    void s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await s.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0 && p.version === undefined);
    const closedAt = s.published.length;
    // A later round trip on another document orders us after anything the server still had queued.
    const other = s.open('/storm/other.yml', BASE);
    await s.waitForDiagnostics((p) => p.uri === other);
    assert.deepEqual(s.published.slice(closedAt).filter((p) => p.uri === uri), []);
  } finally {
    await s.close();
  }
});
