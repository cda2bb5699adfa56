/** Which document a command is about: the one it was given (CodeLens, tests) or the active editor's. */
import * as vscode from 'vscode';

export const CONFIG_LANGUAGES = new Set(['yaml', 'json', 'jsonc']);

export function isConfigDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && CONFIG_LANGUAGES.has(doc.languageId);
}

/** The document for a command, or undefined after telling the user to open a config. */
export function targetDocument(arg: unknown): vscode.TextDocument | undefined {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : undefined;
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
  if (isConfigDocument(doc)) return doc;
  void vscode.window.showWarningMessage('PEFT Lens: open a fine-tuning config (YAML or JSON) first.');
  return undefined;
}
