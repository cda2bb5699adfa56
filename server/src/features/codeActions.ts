/** Quick fixes: the fixes the core attached to the issues that overlap the requested range, then the editor's own (commandFixes.ts). */
import type { CodeAction } from 'vscode-languageserver/node';
import { fixToCodeAction, issueToDiagnostic } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { commandFixes } from './commandFixes';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(state.log, 'codeAction', token, [], async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const start = text.offsetAt(params.range.start);
      const end = text.offsetAt(params.range.end);
      const issues = await state.store.issues(text);
      return issues
        .filter((i) => i.span.start <= end && i.span.end >= start)
        .flatMap((i) => {
          const diagnostic = issueToDiagnostic(text, i);
          return [...(i.fixes ?? []).map((f) => fixToCodeAction(text, f, diagnostic)), ...commandFixes(state, text, i, diagnostic)];
        });
    }),
  );
}
