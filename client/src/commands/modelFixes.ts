/**
 * The quick fixes for a model peft-lens cannot find (model/unresolved), which need the editor: choose the
 * model's local folder (or its config.json) and point the model value at it, or turn on Hub look-ups for
 * this workspace. Not in the palette: the server offers them as code actions on the diagnostic.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Range } from '../../../server/src/protocol';
import { CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND } from '../../../server/src/protocol';

export const MODEL_FIX_COMMANDS = [CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND];

export function registerModelFixes(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CHOOSE_MODEL_FOLDER_COMMAND, chooseModelFolder),
    vscode.commands.registerCommand(ENABLE_MODEL_LOOKUPS_COMMAND, enableModelLookups),
  );
}

/** `chosen`: a folder or config.json path that skips the dialog (tests). Returns the value written. */
async function chooseModelFolder(uri: string, range: Range, chosen?: string): Promise<string | undefined> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!doc) return undefined;
  const picked = chosen ?? (await pick(doc));
  if (!picked) return undefined;
  // transformers reads a model folder; a config.json chosen stands for the folder it is in.
  const folder = path.basename(picked) === 'config.json' ? path.dirname(picked) : picked;
  let relative = path.relative(path.dirname(doc.uri.fsPath), folder).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const value = doc.languageId === 'yaml' && /^[\w./-]+$/.test(relative) ? relative : JSON.stringify(relative);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), value);
  return (await vscode.workspace.applyEdit(edit)) ? value : undefined;
}

async function pick(doc: vscode.TextDocument): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: "PEFT Lens: the model's folder, or its config.json",
    defaultUri: vscode.Uri.file(path.dirname(doc.uri.fsPath)),
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Use This Model',
  });
  return picked?.[0]?.fsPath;
}

async function enableModelLookups(): Promise<boolean> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('peftLens').update('modelLookups', true, target);
  void vscode.window.showInformationMessage('PEFT Lens: Hub model look-ups are on for this workspace (peftLens.modelLookups); config.json files are fetched from the Hub endpoint.');
  return true;
}
