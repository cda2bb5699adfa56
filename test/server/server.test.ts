import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

const BROKEN = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: [8\nmicro_batch_size: 2\n';

describe('push diagnostics (a client without pull support, like Neovim 0.7)', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession();
  });
  after(async () => s.close());

  test('initialize answered, diagnostics published for the opened version', async () => {
    const uri = s.open('/ws/train.yml', BROKEN);
    const p = await s.waitForDiagnostics((d) => d.uri === uri);
    assert.equal(p.version, 1);
    const syntax = p.diagnostics.filter((d) => d.code === 'syntax/invalid-yaml');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].range.start.line, 3);
  });

  test('a request that throws is answered empty, logged, and the server keeps serving', async () => {
    const uri = s.open('/ws/survive.yml', 'base_model: a/b\nadapter: lora\n');
    await s.waitForDiagnostics((d) => d.uri === uri);
    // A missing position makes the handler throw while converting it.
    const bad = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(bad, null);
    await s.waitForLog((l) => l.includes('[error] hover failed'));
    const good = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } })) as { contents: { value: string } };
    assert.match(good.contents.value, /adapter/);
  });

  test('closing a document clears its diagnostics and publishes nothing after', async () => {
    const uri = s.open('/ws/closing.yml', BROKEN);
    await s.waitForDiagnostics((d) => d.uri === uri && d.diagnostics.length > 0);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await s.waitForDiagnostics((d) => d.uri === uri && d.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
    const status = (await s.connection.sendRequest('peftLens/status')) as { cachedDocuments: number; openDocuments: number };
    assert.equal(status.openDocuments, 2);
    assert.ok(status.cachedDocuments <= 2, `cache holds ${status.cachedDocuments} documents after close`);
    const count = s.published.filter((d) => d.uri === uri).length;
    // A later, unrelated round trip proves nothing more arrived for the closed document.
    const other = s.open('/ws/after.yml', BROKEN);
    await s.waitForDiagnostics((d) => d.uri === other);
    assert.equal(s.published.filter((d) => d.uri === uri).length, count);
  });

  test('unrelated YAML gets no diagnostics at all', async () => {
    const uri = s.open('/ws/.github/workflows/ci.yml', 'on: [push\n');
    const p = await s.waitForDiagnostics((d) => d.uri === uri);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('pull diagnostics (VS Code)', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true });
  });
  after(async () => s.close());

  test('textDocument/diagnostic returns the issues for the current version', async () => {
    const uri = s.open('/ws/pull.yml', BROKEN);
    const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: { code: string }[] };
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((i) => i.code === 'syntax/invalid-yaml'));
    assert.equal(s.published.filter((p) => p.uri === uri).length, 0, 'no push when the client pulls');
  });

  test('settings from workspace/configuration apply (severity override)', async () => {
    const t = await startSession({ pull: true, settings: { severityOverrides: { 'syntax/invalid-yaml': 'off' } } });
    try {
      const uri = t.open('/ws/pull2.yml', BROKEN);
      const report = (await t.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string }[] };
      assert.ok(report.items.length > 0);
      assert.ok(!report.items.some((i) => i.code === 'syntax/invalid-yaml'));
    } finally {
      await t.close();
    }
  });
});
