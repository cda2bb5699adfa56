/**
 * VS Code's own JSON language service reports every JSON syntax error (while `json.validate.enable` is
 * on, its default), so the server's `syntax/invalid-json` for the same file would show each error twice.
 * Ours is dropped in the editor only where VS Code's is on; other editors and the CLI keep it.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

export function withoutJsonServiceDuplicates(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc || !JSON_LANGUAGES.has(doc.languageId)) return diagnostics;
  if (vscode.workspace.getConfiguration('json', doc).get<boolean>('validate.enable', true) === false) return diagnostics;
  return diagnostics.filter((d) => codeOf(d) !== 'syntax/invalid-json');
}

export const jsonSyntaxMiddleware: Middleware = {
  handleDiagnostics: (uri, diagnostics, next) => next(uri, withoutJsonServiceDuplicates(uri, diagnostics)),
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const report = await next(document, previousResultId, token);
    if (!report || report.kind !== 'full') return report;
    const uri = document instanceof vscode.Uri ? document : document.uri;
    return { ...report, items: withoutJsonServiceDuplicates(uri, report.items) };
  },
};
