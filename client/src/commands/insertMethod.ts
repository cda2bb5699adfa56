/**
 * PEFT: Insert Fine-Tuning Method — a pick of methods with their papers; the server merges the chosen
 * one into the file (peftLens/insertMethod): the old method's keys are replaced, everything else stays,
 * and only errors the result would add are asked about. A file that is not recognised first gets the
 * "choose the tool" step (then a method, or only the format comment).
 */
import * as vscode from 'vscode';
import type { InsertMethodParams, InsertMethodResponse, MethodEdit, MethodItem, MethodsParams, MethodsResponse } from '../../../server/src/protocol';
import { INSERT_METHOD_REQUEST, METHODS_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';
import { chooseTool, setFormatComment } from './chooseTool';

/** Marks the pick item that sets only the format comment. */
const COMMENT_ONLY = 'format-comment';

/**
 * `arg`: a method id, or `{ method, format }` (tests, keybindings), to skip the picks. Returns the id
 * inserted (`format-comment` when only the comment was set).
 */
export async function insertMethod(arg?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = targetDocument(editor?.document.uri);
  if (!editor || !doc) return undefined;
  const given = typeof arg === 'string' ? { method: arg } : typeof arg === 'object' && arg ? (arg as { method?: string; format?: string }) : {};
  const uri = doc.uri.toString();
  let methods = await sendRequest<MethodsResponse>(METHODS_REQUEST, { uri } satisfies MethodsParams);
  let format: string | undefined;
  if (!methods.format) {
    format = await chooseTool(doc, given.format);
    if (!format) return undefined;
    methods = await sendRequest<MethodsResponse>(METHODS_REQUEST, { uri, format } satisfies MethodsParams);
  }
  const method = given.method ? (given.method === COMMENT_ONLY ? COMMENT_ONLY : methods.items.find((m) => m.id === given.method)) : await pick(methods, format !== undefined && doc.languageId === 'yaml');
  if (!method) return undefined;
  if (method === COMMENT_ONLY) return (await setFormatComment(editor, format ?? methods.format!)) ? COMMENT_ONLY : undefined;
  if (!method.supported) {
    void vscode.window.showWarningMessage(`PEFT Lens: ${method.label} cannot be written in ${methods.format ?? 'this file'}. ${method.reason ?? ''}`.trim());
    return undefined;
  }
  const params: InsertMethodParams = { uri, method: method.id, ...(format ? { format } : {}), position: editor.selection.active };
  const answer = await sendRequest<InsertMethodResponse>(INSERT_METHOD_REQUEST, params);
  if (!answer.merge) {
    void vscode.window.showWarningMessage(`PEFT Lens: ${answer.reason ?? 'the method could not be inserted.'}`);
    return undefined;
  }
  const edit = await resolveConflicts(method.label, answer);
  if (!edit) return undefined;
  return (await apply(editor, edit)) ? method.id : undefined;
}

/** Asks only when the merge would add errors: keep the file's values anyway, or take the method's defaults. */
async function resolveConflicts(label: string, answer: InsertMethodResponse): Promise<MethodEdit | undefined> {
  const merge = answer.merge!;
  if (merge.conflicts.length === 0) return merge;
  const keep = 'Keep My Values';
  const defaults = "Use the Method's Defaults";
  const options = answer.defaults ? [defaults, keep] : ['Insert Anyway'];
  const choice = await vscode.window.showWarningMessage(
    `Inserting ${label} with this file's values leaves ${merge.conflicts.length === 1 ? 'an error' : `${merge.conflicts.length} errors`}`,
    { modal: true, detail: merge.conflicts.join('\n\n') },
    ...options,
  );
  if (!choice) return undefined;
  return choice === defaults ? answer.defaults : merge;
}

/** The plain edits, then the snippet where they leave it, as one undo step. */
async function apply(editor: vscode.TextEditor, e: MethodEdit): Promise<boolean> {
  const range = (r: MethodEdit['snippetRangeAfterEdits']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  if (e.edits.length) {
    const ok = await editor.edit((b) => e.edits.forEach((x) => b.replace(range(x.range), x.newText)), { undoStopBefore: true, undoStopAfter: false });
    if (!ok) return false;
  }
  if (!e.snippet) return true;
  return editor.insertSnippet(new vscode.SnippetString(e.snippet), range(e.snippetRangeAfterEdits), { undoStopBefore: e.edits.length === 0, undoStopAfter: true, keepWhitespace: true });
}

async function pick(methods: MethodsResponse, offerComment: boolean): Promise<MethodItem | typeof COMMENT_ONLY | undefined> {
  type Item = vscode.QuickPickItem & { method?: MethodItem | typeof COMMENT_ONLY };
  const toItem = (m: MethodItem): Item => ({
    label: m.current ? `${m.label} (in this file)` : m.label,
    description: m.papers.map((p) => `${p.title}${p.year ? ` (${p.year})` : ''}`).join(' · '),
    detail: m.supported ? m.description : `Not in ${methods.format ?? 'this format'}: ${m.reason ?? ''}`,
    method: m,
  });
  const supported = methods.items.filter((m) => m.supported);
  const unsupported = methods.items.filter((m) => !m.supported);
  const items: Item[] = [...supported.map(toItem)];
  if (offerComment) items.push({ label: 'No method yet: only mark the file', detail: `Adds \`# peft-lens: format=${methods.format}\` as the first line`, method: COMMENT_ONLY });
  if (unsupported.length) items.push({ label: `not expressible in ${methods.format ?? 'this format'}`, kind: vscode.QuickPickItemKind.Separator }, ...unsupported.map(toItem));
  const choice = await vscode.window.showQuickPick(items, { title: 'PEFT Lens: insert a fine-tuning method', matchOnDescription: true, matchOnDetail: true });
  return choice?.method;
}
