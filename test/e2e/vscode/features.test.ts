import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { codeOf, diagnosticsFor, openFile, settledDiagnostics, workspaceUri } from './workspace';

const EXAMPLES = [
  'examples/axolotl/qlora-llama-3-8b.yml',
  'examples/llamafactory/qwen2.5-7b-lora-sft.yaml',
  'examples/peft/lora-llama-2-7b/adapter_config.json',
  'examples/torchtune/llama3_2_1b_lora.yaml',
  'examples/trl/sft-qwen2.5-0.5b-lora.yaml',
];

test('every example opens without errors', async () => {
  for (const file of EXAMPLES) {
    const editor = await openFile(file);
    const errors = (await settledDiagnostics(editor)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${codeOf(d)}: ${d.message}`), [], file);
    assert.equal(editor.document.isDirty, false, `${file} is back to its saved text`);
  }
});

test('the CodeLens shows the method and trainable parameters and opens the breakdown', async () => {
  const editor = await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const lenses = await eventually('a resolved CodeLens', async () => {
    const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
    return ls?.some((l) => l.command?.title) ? ls : undefined;
  });
  const lens = lenses.find((l) => l.command?.title)!;
  assert.match(lens.command!.title, /qlora/i);
  assert.match(lens.command!.title, /trainable/);
  assert.equal(lens.command!.command, 'peftLens.showBreakdown');
  assert.equal(editor.document.lineAt(lens.range.start.line).text.startsWith('adapter:'), true, 'the lens sits on the adapter key');
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  await eventually('the breakdown tab', () => webviewTab('Memory · qlora-llama-3-8b.yml'));
});

test('completion after lora_target_modules offers the model\'s linear layers', async () => {
  const uri = workspaceUri('fixtures/axolotl-target-modules.yml');
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const position = editor.document.positionAt(editor.document.getText().lastIndexOf('  - ') + 4);
  const labels = await eventually('target-module completions', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const ls = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    return ls.includes('q_proj') ? ls : undefined;
  });
  for (const name of ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
});

test('a wrong type in adapter_config.json is flagged in JSON too', async () => {
  const editor = await openFile('fixtures/peft/adapter_config.json');
  const ds = await diagnosticsFor(editor.document.uri, (d) => d.length > 0);
  const wrong = ds.find((d) => codeOf(d) === 'schema/wrong-type');
  assert.ok(wrong);
  assert.match(editor.document.getText(wrong.range), /eight/);
});

export function webviewTab(label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
}
