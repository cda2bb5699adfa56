/** Quick fixes the editor runs itself (model/unresolved): offered only to a client that declares the commands. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';

interface Action {
  title: string;
  kind: string;
  diagnostics: { code: string; severity: number }[];
  command?: { command: string; arguments: unknown[] };
}

const TEXT = 'base_model: acme/private-13b\nadapter: lora\nlora_r: 8\nlora_alpha: 16\n';
const AT_MODEL = { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } };

test('an unresolved model: an information diagnostic on the value, with the editor\'s two fixes', async () => {
  const s = await startSession({ initializationOptions: { commands: [CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND] } });
  try {
    const uri = s.open('/ws/train.yml', TEXT);
    const published = await s.waitForDiagnostics((p) => p.uri === uri);
    const unresolved = published.diagnostics.filter((d) => d.code === 'model/unresolved');
    assert.equal(unresolved.length, 1);
    assert.equal(unresolved[0].severity, 3, 'information');
    assert.deepEqual(unresolved[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 28 } });
    const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: AT_MODEL, context: { diagnostics: [] } })) as Action[];
    const choose = actions.find((a) => a.command?.command === CHOOSE_MODEL_FOLDER_COMMAND)!;
    assert.equal(choose.kind, 'quickfix');
    assert.deepEqual(choose.command!.arguments, [uri, unresolved[0].range]);
    assert.ok(actions.some((a) => a.command?.command === ENABLE_MODEL_LOOKUPS_COMMAND));
  } finally {
    await s.close();
  }
});

test('a client that declares no commands gets no command fixes', async () => {
  const plain = await startSession({});
  try {
    const uri = plain.open('/ws/train.yml', TEXT);
    await plain.waitForDiagnostics((p) => p.uri === uri);
    const actions = (await plain.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: AT_MODEL, context: { diagnostics: [] } })) as Action[];
    assert.deepEqual(actions.filter((a) => a.command), []);
  } finally {
    await plain.close();
  }
});
