/** Messages a user can act on (issue 15, item 9): a glued colon, and adapter_config.json said once. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { newFile, typeText } from './keyboard';
import { codeOf, diagnosticsFor, hoverText, positionOf, settledDiagnostics } from './workspace';

const AXOLOTL = 'base_model: NousResearch/Meta-Llama-3-8B\nadapter: lora\nlora_alpha: 32\nlora_target_linear: true\nmicro_batch_size: 1\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n';

test('typing `lora_r:32` says to add a space after the colon, and the quick fix adds it', async () => {
  const editor = await newFile('fixtures/typed-glued.yml', AXOLOTL);
  await settledDiagnostics(editor);
  await typeText('lora_r:32');
  await vscode.commands.executeCommand('hideSuggestWidget');
  const uri = editor.document.uri;
  const ds = await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'syntax/missing-space-after-colon'));
  const glued = ds.find((x) => codeOf(x) === 'syntax/missing-space-after-colon')!;
  assert.match(glued.message, /add a space after the colon \(`lora_r: 32`\)/);
  assert.doesNotMatch(ds.map((d) => d.message).join('\n'), /Implicit (map )?keys/);
  assert.ok(!ds.some((d) => codeOf(d) === 'schema/unknown-key'), 'not also an unknown key `lora_r:32`');
  // Shift+Alt+. applies the preferred quick fix at the cursor.
  editor.selection = new vscode.Selection(glued.range.start, glued.range.start);
  await vscode.commands.executeCommand('editor.action.autoFix');
  await eventually('the space added', () => (editor.document.getText().includes('\nlora_r: 32') ? true : undefined), 10_000);
  await diagnosticsFor(uri, (d) => !d.some((x) => codeOf(x)?.startsWith('syntax/')));
});

test('adapter_config.json: a syntax error is reported once (by VS Code\'s JSON service), a key hovers once', async () => {
  const broken = '{\n  "peft_type": "LORA",,\n  "base_model_name_or_path": "meta-llama/Llama-3.2-1B",\n  "r": "eight",\n  "target_modules": ["q_proj", "v_proj"]\n}\n';
  const editor = await newFile('fixtures/peft/broken/adapter_config.json', broken);
  const uri = editor.document.uri;
  // Ours arrive with the wrong type; the same publication would hold our syntax error.
  const ours = await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'schema/wrong-type'));
  assert.deepEqual(ours.filter((d) => codeOf(d)?.startsWith('syntax/')).map((d) => d.message), []);
  const theirs = await eventually('VS Code\'s JSON syntax error', () => {
    const all = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'peft-lens');
    return all.length > 0 ? all : undefined;
  });
  assert.equal(theirs.filter((d) => d.range.start.line === 1).length, 1, 'the extra comma, once');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(editor.document, '"r"', 1));
  const texts = (hovers ?? []).map((h) => hoverText([h])).filter((t) => t.trim() !== '');
  assert.equal(texts.length, 1, `one hover, not the schema's description again:\n${texts.join('\n---\n')}`);
  assert.match(texts[0], /rank/i);
});
