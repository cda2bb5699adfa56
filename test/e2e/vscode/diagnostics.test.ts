import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { codeOf, diagnosticsFor, openFile } from './workspace';

test('the extension activates on a YAML config', async () => {
  await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const ext = vscode.extensions.getExtension('peft-lens.peft-lens');
  assert.ok(ext, 'extension peft-lens.peft-lens is installed in the development host');
  await ext.activate();
  assert.equal(ext.isActive, true);
});

test('a wrong value type is reported as an error on the value', async () => {
  const editor = await openFile('fixtures/axolotl-wrong-type.yml');
  const ds = await diagnosticsFor(editor.document.uri, (d) => d.length > 0);
  const wrong = ds.find((d) => codeOf(d) === 'schema/wrong-type');
  assert.ok(wrong, `schema/wrong-type among ${ds.map(codeOf).join(', ')}`);
  assert.equal(wrong.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(editor.document.getText(wrong.range), 'sixteen');
  assert.match(wrong.message, /lora_r/);
});
