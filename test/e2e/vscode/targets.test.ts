import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { codeOf, diagnosticsFor, openFile } from './workspace';

// #15 item 1: PEFT 0.21 drops a target_modules entry that matches nothing as long as another one matches, so
// a typo silently trains fewer parameters. Typed the way a user does, it must be flagged and fixable.
test('a misspelt target module typed into the list gets a warning and a did-you-mean fix', async () => {
  const editor = await openFile('fixtures/axolotl-target-typo.yml');
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('type', { text: 'q_projj' });
  const ds = await diagnosticsFor(doc.uri, (d) => d.some((x) => codeOf(x) === 'model/target-unmatched'));
  const warning = ds.find((d) => codeOf(d) === 'model/target-unmatched')!;
  assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
  assert.equal(doc.getText(warning.range), 'q_projj');
  assert.match(warning.message, /q_proj\b/);
  // Shift+Alt+. (Auto Fix) applies the preferred quick fix at the cursor.
  editor.selection = new vscode.Selection(warning.range.start, warning.range.start);
  await vscode.commands.executeCommand('editor.action.autoFix');
  await eventually('the fixed entry', () => (doc.lineAt(doc.lineCount - 1).text === '  - q_proj' ? true : undefined));
  // The fixture is otherwise a clean config: with the fix nothing is left to report.
  await diagnosticsFor(doc.uri, (d) => d.length === 0);
});
