/** A model peft-lens cannot find (issue 15, item 8): said once, on the model value, with fixes that lead to an estimate. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND } from '../../../server/src/protocol';
import { eventually, test } from './harness';
import { newFile } from './keyboard';
import { codeOf, diagnosticsFor, hoverText, positionOf, workspaceUri } from './workspace';

const CONFIG = [
  'base_model: acme/coder-7b-private',
  'adapter: lora',
  'lora_r: 16',
  'lora_alpha: 32',
  'lora_target_linear: true',
  'sequence_len: 2048',
  'micro_batch_size: 1',
  'gradient_accumulation_steps: 4',
  'learning_rate: 0.0002',
  'datasets:',
  '  - path: ./data/train.jsonl',
  '    type: alpaca',
  '',
].join('\n');

async function lensTitle(uri: vscode.Uri, match: RegExp): Promise<string> {
  return eventually(`a CodeLens matching ${match}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const title = lenses?.map((l) => l.command?.title ?? '').find((t) => match.test(t));
    return title;
  });
}

test('an unresolved model: one information diagnostic on the value, a lens that says why, a hover that does not repeat it', async () => {
  const editor = await newFile('fixtures/local-model/unresolved.yml', CONFIG);
  const uri = editor.document.uri;
  const ds = await diagnosticsFor(uri, (d) => d.some((x) => codeOf(x) === 'model/unresolved'));
  const unresolved = ds.filter((d) => codeOf(d) === 'model/unresolved');
  assert.equal(unresolved.length, 1);
  assert.equal(unresolved[0].severity, vscode.DiagnosticSeverity.Information);
  assert.equal(editor.document.getText(unresolved[0].range), 'acme/coder-7b-private');
  assert.match(await lensTitle(uri, /no estimate/), /no estimate: model acme\/coder-7b-private not found/);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(editor.document, 'acme/', 2));
  const text = hoverText(hovers ?? []);
  assert.equal(text.match(/not resolved/g)?.length, 1, text);
  assert.doesNotMatch(text, /Tried:/);

  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, unresolved[0].range);
  const titles = actions.map((a) => a.title);
  const lookups = actions.find((a) => a.command?.command === ENABLE_MODEL_LOOKUPS_COMMAND);
  assert.ok(lookups, `the Hub fix among ${titles.join(', ')}`);
  // The local fix, answering its folder dialog with the folder that holds the model's config.json.
  const choose = actions.find((a) => a.command?.command === CHOOSE_MODEL_FOLDER_COMMAND);
  assert.ok(choose, `the local fix among ${titles.join(', ')}`);
  const folder = workspaceUri('fixtures/local-model/acme-coder-7b/config.json').fsPath;
  await vscode.commands.executeCommand(choose.command!.command, ...(choose.command!.arguments ?? []), folder);
  assert.equal(editor.document.lineAt(0).text, 'base_model: ./acme-coder-7b');
  await diagnosticsFor(uri, (d) => !d.some((x) => codeOf(x) === 'model/unresolved'));
  assert.match(await lensTitle(uri, /trainable/), /lora · .* trainable/);

  // The Hub fix (run last: the model now resolves locally, so nothing is fetched).
  const config = vscode.workspace.getConfiguration('peftLens');
  try {
    await vscode.commands.executeCommand(lookups.command!.command, ...(lookups.command!.arguments ?? []));
    assert.equal(vscode.workspace.getConfiguration('peftLens').inspect('modelLookups')?.workspaceValue, true);
  } finally {
    await config.update('modelLookups', undefined, vscode.ConfigurationTarget.Workspace);
  }
});
