/** Protocol and document state a client can get wrong: a second initialize, repeated versions, reopened URIs. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

const BROKEN = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: [8\n';
const FINE = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\n';
const hasSyntax = (d: { diagnostics: { code?: string }[] }) => d.diagnostics.some((x) => x.code === 'syntax/invalid-yaml');

describe('protocol state', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession();
  });
  after(async () => s.close());

  test('a second initialize is answered with an error and registers nothing twice', async () => {
    await assert.rejects(
      s.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }),
      (err: { code?: number; message?: string }) => err.code === -32600 && /already initialized/.test(err.message ?? ''),
    );
    const uri = s.open('/ws/once.yml', BROKEN);
    await s.waitForDiagnostics((d) => d.uri === uri);
    // A round trip on another document proves no second publish for the first one is under way.
    const other = s.open('/ws/once-other.yml', BROKEN);
    await s.waitForDiagnostics((d) => d.uri === other);
    assert.equal(s.published.filter((d) => d.uri === uri).length, 1);
  });

  test('a didChange that repeats the version number still replaces the diagnostics', async () => {
    const uri = s.open('/ws/repeat.yml', BROKEN, 'yaml', 3);
    await s.waitForDiagnostics((d) => d.uri === uri && hasSyntax(d));
    const before = s.published.length;
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: FINE }] });
    const p = await s.waitForDiagnostics((d) => d.uri === uri && s.published.indexOf(d) >= before);
    assert.ok(!hasSyntax(p), JSON.stringify(p.diagnostics));
  });

  test('a second didOpen of the same URI is analysed afresh', async () => {
    const uri = s.open('/ws/reopen.yml', BROKEN);
    await s.waitForDiagnostics((d) => d.uri === uri && hasSyntax(d));
    const before = s.published.length;
    s.open('/ws/reopen.yml', FINE);
    const p = await s.waitForDiagnostics((d) => d.uri === uri && s.published.indexOf(d) >= before);
    assert.ok(!hasSyntax(p), JSON.stringify(p.diagnostics));
  });
});
