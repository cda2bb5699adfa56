/** Hover, completion, quick fixes and CodeLens through the real server over stdio. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

interface Item {
  label: string;
  kind: number;
  insertTextFormat: number;
  documentation?: { value: string };
  textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
}
interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics: { code: string }[];
  edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

describe('editor features over stdio', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true });
  });
  after(async () => s.close());

  test('hover on a method value links its paper', async () => {
    const uri = s.open('/ws/h.yml', 'base_model: m/x\nadapter: qlora\nload_in_4bit: true\n');
    const h = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 11 } })) as { contents: { kind: string; value: string }; range: { start: { character: number } } };
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /arxiv\.org\/abs\/2305\.14314/);
    assert.equal(h.range.start.character, 9);
  });

  test('completion of method names: items with a text edit over the word and paper docs', async () => {
    const uri = s.open('/ws/c.yml', 'base_model: m/x\nadapter: ql\n');
    const items = ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 11 } })) as { items: Item[] }).items;
    const qlora = items.find((i) => i.label === 'qlora')!;
    assert.deepEqual(qlora.textEdit.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 11 } });
    assert.equal(qlora.textEdit.newText, 'qlora');
    assert.match(qlora.documentation!.value, /2305\.14314/);
  });

  test('completion of values is asked again as the user types, and closes once the value is complete', async () => {
    const uri = s.open('/ws/v.yml', 'model_name_or_path: m/x\nuse_peft: Tru\n');
    const partial = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 13 } })) as { isIncomplete: boolean; items: Item[] };
    assert.equal(partial.isIncomplete, true);
    assert.ok(partial.items.some((i) => i.label === 'true'));
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'model_name_or_path: m/x\nuse_peft: True\n' }] });
    const complete = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 14 } })) as { items: Item[] };
    assert.deepEqual(complete.items, []);
  });

  test('completion of keys: snippets', async () => {
    const uri = s.open('/ws/k.yml', 'base_model: m/x\nadapter: lora\nseq');
    const items = ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 3 } })) as { items: Item[] }).items;
    const seq = items.find((i) => i.label === 'sequence_len')!;
    assert.equal(seq.insertTextFormat, 2);
    assert.match(seq.textEdit.newText, /^sequence_len: \$\{1:\d+\}$/);
  });

  test('quick fixes: the fixes of the issues in range become code actions', async () => {
    const uri = s.open('/ws/adapter_config.json', '{\n  "peft_type": "LORA",\n  "task_type": "CAUSAL_L",\n  "r": 8\n}\n');
    const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 17 }, end: { line: 2, character: 17 } }, context: { diagnostics: [] } })) as Action[];
    const change = actions.find((a) => a.title === 'Change to `CAUSAL_LM`')!;
    assert.equal(change.kind, 'quickfix');
    assert.equal(change.isPreferred, true);
    assert.equal(change.diagnostics[0].code, 'schema/invalid-value');
    assert.deepEqual(change.edit.changes[uri][0], { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 24 } }, newText: 'CAUSAL_LM' });
    const elsewhere = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } }, context: { diagnostics: [] } })) as Action[];
    assert.deepEqual(elsewhere, []);
  });

  test('a settings change asks the client to refresh CodeLenses (the fit depends on the GPU)', async () => {
    const before = s.lensRefreshes();
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { peftLens: { gpu: 'L4' } } });
    await s.waitForLensRefresh(before + 1);
    assert.ok(s.lensRefreshes() > before);
  });

  test('the lens title follows the text as it changes', async () => {
    const uri = s.open('/ws/live.yml', 'base_model: m/x\nadapter: lora\n');
    const first = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    assert.match(first[0].command.title, /^lora/);
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'base_model: m/x\nadapter: qlora\nload_in_4bit: true\n' }] });
    const second = (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    assert.match(second[0].command.title, /^qlora/);
  });
});
