/**
 * PEFT: Insert Method — a pick of fine-tuning methods with their papers; the chosen method's snippet for the
 * file's format goes in. A `document` snippet (adapter_config.json) becomes the whole file, after asking when
 * the file has content; a `block` of top-level YAML keys goes on the cursor's line when it is empty, else at
 * the end of the file.
 */
import * as vscode from 'vscode';
import type { MethodItem, MethodsParams, MethodsResponse } from '../../../server/src/protocol';
import { METHODS_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';

/** `id`: insert that method without asking (tests, keybindings). Returns the id inserted. */
export async function insertMethod(id?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = targetDocument(editor?.document.uri);
  if (!editor || !doc) return undefined;
  const methods = await sendRequest<MethodsResponse>(METHODS_REQUEST, { uri: doc.uri.toString() } satisfies MethodsParams);
  const method = typeof id === 'string' ? methods.items.find((m) => m.id === id) : await pick(methods);
  if (!method) return undefined;
  if (!method.supported || !method.snippet) {
    void vscode.window.showWarningMessage(`PEFT Lens: ${method.label} cannot be written in ${methods.format ?? 'this file'}. ${method.reason ?? ''}`.trim());
    return undefined;
  }
  if (method.snippet.insert === 'document' && doc.getText().trim() !== '') {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(`Replace the contents of ${doc.uri.path.split('/').pop()} with a ${method.label} config?`, { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const snippet = new vscode.SnippetString(method.snippet.body);
  const inserted = await editor.insertSnippet(snippet, await insertionRange(editor, method.snippet.insert));
  return inserted ? method.id : undefined;
}

async function insertionRange(editor: vscode.TextEditor, mode: 'document' | 'block'): Promise<vscode.Range | vscode.Position> {
  const doc = editor.document;
  if (mode === 'document') return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const line = doc.lineAt(editor.selection.active.line);
  if (line.isEmptyOrWhitespace) return line.range;
  const end = doc.lineAt(doc.lineCount - 1);
  // A block of top-level keys must start a line; after a non-empty last line, open a new one first.
  if (!end.isEmptyOrWhitespace) {
    await editor.edit((e) => e.insert(end.range.end, '\n'), { undoStopBefore: true, undoStopAfter: false });
    return new vscode.Position(end.lineNumber + 1, 0);
  }
  return end.range;
}

async function pick(methods: MethodsResponse): Promise<MethodItem | undefined> {
  type Item = vscode.QuickPickItem & { method?: MethodItem };
  const toItem = (m: MethodItem): Item => ({
    label: m.current ? `${m.label} (in this file)` : m.label,
    description: m.papers.map((p) => `${p.title}${p.year ? ` (${p.year})` : ''}`).join(' · '),
    detail: m.supported ? m.description : `Not in ${methods.format ?? 'this format'}: ${m.reason ?? ''}`,
    method: m,
  });
  const supported = methods.items.filter((m) => m.supported);
  const unsupported = methods.items.filter((m) => !m.supported);
  const items: Item[] = [...supported.map(toItem)];
  if (unsupported.length) items.push({ label: `not expressible in ${methods.format ?? 'this format'}`, kind: vscode.QuickPickItemKind.Separator }, ...unsupported.map(toItem));
  const choice = await vscode.window.showQuickPick(items, { title: 'PEFT Lens: insert a fine-tuning method', matchOnDescription: true, matchOnDetail: true });
  return choice?.method;
}
