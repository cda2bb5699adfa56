import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { acceptFirstQuickPickItem, codeOf, openFile, settledDiagnostics } from './workspace';

test('Insert Method writes a LoRA adapter_config.json with no errors', async () => {
  const editor = await openFile('fixtures/insert/adapter_config.json');
  assert.equal(editor.document.getText().trim(), '');
  assert.equal(await vscode.commands.executeCommand('peftLens.insertMethod', 'lora'), 'lora');
  const json = JSON.parse(editor.document.getText()) as Record<string, unknown>;
  assert.equal(json.peft_type, 'LORA');
  await assertNoErrors(editor);
});

test('Insert Method adds QLoRA keys to an axolotl config with no errors', async () => {
  const editor = await openFile('fixtures/insert/axolotl.yml');
  editor.selection = new vscode.Selection(editor.document.lineCount - 1, 0, editor.document.lineCount - 1, 0);
  assert.equal(await vscode.commands.executeCommand('peftLens.insertMethod', 'qlora'), 'qlora');
  assert.match(editor.document.getText(), /^adapter: qlora$/m);
  await assertNoErrors(editor);
});

test('Insert Method offers the methods in a quick pick; the first one inserts a valid config', async () => {
  const editor = await openFile('fixtures/insert/pick/adapter_config.json');
  const id = await acceptFirstQuickPickItem(vscode.commands.executeCommand<string>('peftLens.insertMethod'));
  assert.ok(id, 'a method was inserted');
  assert.ok(JSON.parse(editor.document.getText()).peft_type, 'the file names its peft_type');
  await assertNoErrors(editor);
});

async function assertNoErrors(editor: vscode.TextEditor): Promise<void> {
  // Leave snippet mode so the placeholders keep their defaults, then wait for the analysis of this text.
  await vscode.commands.executeCommand('leaveSnippet');
  const errors = (await settledDiagnostics(editor)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.deepEqual(errors.map((d) => `${codeOf(d)} ${d.message}`), []);
}
