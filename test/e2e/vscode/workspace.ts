/** Opening files of the test workspace (a copy of examples/ and test/e2e/fixtures/ made by test/e2e/run.mjs). */
import * as vscode from 'vscode';
import { eventually } from './harness';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Waits until the language server has published diagnostics for the document that satisfy `ready`. */
export function diagnosticsFor(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return eventually(`diagnostics for ${uri.path}`, () => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'peft-lens');
    return ready(ds) ? ds : undefined;
  }, timeoutMs);
}

/** The position of the first occurrence of `needle` in the document, optionally shifted by `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(offset + delta);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * The diagnostics of the document's current text, for asserting that something is *absent*: makes an
 * edit that peft-lens reports, waits until it is reported, undoes it, and waits until it is gone — so what
 * remains was computed for the original text, not left over from before the server answered. YAML gets a
 * syntax error; JSON a key PEFT does not know (the editor shows VS Code's JSON service's syntax errors
 * instead of ours, see client/src/jsonSyntax.ts).
 */
export async function settledDiagnostics(editor: vscode.TextEditor): Promise<vscode.Diagnostic[]> {
  const doc = editor.document;
  const json = doc.languageId === 'json' || doc.languageId === 'jsonc';
  const close = doc.getText().lastIndexOf('}');
  const probe = json && close >= 0 ? { at: doc.positionAt(close), text: ', "peft_lens_settle_probe": 0' } : { at: doc.lineAt(doc.lineCount - 1).range.end, text: '\n[' };
  const isProbe = (d: vscode.Diagnostic) => (json && close >= 0 ? d.message.includes('peft_lens_settle_probe') : codeOf(d)?.startsWith('syntax/') ?? false);
  await editor.edit((e) => e.insert(probe.at, probe.text));
  await diagnosticsFor(doc.uri, (ds) => ds.some(isProbe));
  await vscode.commands.executeCommand('undo');
  return diagnosticsFor(doc.uri, (ds) => !ds.some(isProbe));
}

/**
 * Answers the quick pick a command opens by accepting its first item, as a user pressing Enter would, and
 * returns the command's result. Accepting while no pick is open does nothing, so it retries until the
 * command finishes.
 */
export async function acceptFirstQuickPickItem<T>(pending: Thenable<T>, timeoutMs = 15_000): Promise<T> {
  let done = false;
  const result = Promise.resolve(pending).finally(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  while (!done && Date.now() < deadline) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!done) throw new Error(`the quick pick was not answered within ${timeoutMs} ms`);
  return result;
}
