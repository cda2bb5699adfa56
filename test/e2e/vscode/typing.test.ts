/** Completion as it is typed (issue 15, items 4, 5 and 12): what Enter does, model ids, module lists. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { currentLine, newFile, pressEnter, typeText } from './keyboard';
import { settledDiagnostics } from './workspace';

const AXOLOTL = 'base_model: NousResearch/Meta-Llama-3-8B\nadapter: qlora\nlora_r: 16\nlora_alpha: 32\n';

test('typing `load_in_4bit: True` then Enter ends the line instead of accepting a value', async () => {
  const editor = await newFile('fixtures/typed-enter.yml', AXOLOTL);
  await settledDiagnostics(editor);
  await typeText('load_in_4bit: True');
  const accepted = await pressEnter(editor);
  assert.equal(accepted, false, `Enter accepted a suggestion: ${editor.document.getText()}`);
  assert.equal(editor.document.lineAt(editor.selection.active.line - 1).text, 'load_in_4bit: True');
  assert.equal(currentLine(editor), '', 'the cursor is on a new line');
  // A value not yet complete still gets its popup, and Enter takes the value.
  await typeText('sample_packing: tr');
  assert.equal(await pressEnter(editor), true, 'the value popup was open for a partial value');
  assert.match(currentLine(editor), /^sample_packing: [tT]rue$/);
});

test('typing a Hub id prefix completes to the catalog id it names (`Qwen/Qwen2.5-7B-In` → -Instruct)', async () => {
  // Nothing marks the file as a config until the model key is typed on its first line.
  const editor = await newFile('fixtures/typed-model.yml', '\nadapter: lora\nlora_r: 16\nlora_alpha: 32\n');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await typeText('base_model: Qwen/Qwen2.5-7B-In');
  assert.equal(await pressEnter(editor), true, 'a model suggestion was open');
  assert.equal(currentLine(editor), 'base_model: Qwen/Qwen2.5-7B-Instruct');
});

test('module completion does not offer a module the list already holds', async () => {
  const editor = await newFile('fixtures/typed-modules.yml', 'base_model: NousResearch/Meta-Llama-3-8B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_modules:\n  - q_proj\n  - ');
  await settledDiagnostics(editor);
  const uri = editor.document.uri;
  const offered = await eventually('module completions', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, editor.selection.active);
    const ls = (list?.items ?? []).filter((i) => i.kind === vscode.CompletionItemKind.Module).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    return ls.includes('v_proj') ? ls : undefined;
  });
  assert.ok(!offered.includes('q_proj'), `q_proj offered again: ${offered.join(', ')}`);
  await typeText('v_');
  assert.equal(await pressEnter(editor), true);
  assert.equal(currentLine(editor), '  - v_proj');
});
