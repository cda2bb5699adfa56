/**
 * Typing as a user does: characters through the editor's `type` command (so trigger characters and quick
 * suggestions open the suggest widget as they would), and Enter as its keybinding resolves it: it accepts
 * the selected suggestion when the widget is open, and only otherwise breaks the line.
 */
import * as vscode from 'vscode';
import { workspaceUri } from './workspace';

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types `text` one character at a time, `delayMs` apart (a fast typist), then lets the editor settle. */
export async function typeText(text: string, delayMs = 80): Promise<void> {
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    await pause(delayMs);
  }
  await pause(1200);
}

/** Enter: accepts the open suggestion if there is one (returns true), else types a newline. */
export async function pressEnter(editor: vscode.TextEditor): Promise<boolean> {
  const before = editor.document.getText();
  await vscode.commands.executeCommand('acceptSelectedSuggestion');
  await pause(300);
  if (editor.document.getText() !== before) return true;
  await vscode.commands.executeCommand('type', { text: '\n' });
  await pause(300);
  return false;
}

/** Writes a new file into the test workspace, opens it and puts the cursor at its end. */
export async function newFile(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** The text of the line the cursor is on. */
export function currentLine(editor: vscode.TextEditor): string {
  return editor.document.lineAt(editor.selection.active.line).text;
}
