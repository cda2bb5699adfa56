/**
 * Quick fixes: the fixes the core attached to the issues that overlap the requested range, then the editor's
 * own (commandFixes.ts), and on the line of the estimate's lens, the changes that make a file that does not
 * fit fit (core fitFixesAt).
 */
import type { CodeAction } from 'vscode-languageserver/node';
import { fitFixesAt } from '../../../core/src/index';
import { fixToCodeAction, issueToDiagnostic } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';
import { commandFixes } from './commandFixes';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(state.log, 'codeAction', token, [], async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const start = text.offsetAt(params.range.start);
      const end = text.offsetAt(params.range.end);
      const issues = await state.store.issues(text);
      const forIssues = issues
        .filter((i) => i.span.start <= end && i.span.end >= start)
        .flatMap((i) => {
          const diagnostic = issueToDiagnostic(text, i);
          return [...(i.fixes ?? []).map((f) => fixToCodeAction(text, f, diagnostic)), ...commandFixes(state, text, i, diagnostic)];
        });
      const open = await openDoc(state, params.textDocument.uri);
      const toFit = open ? await fitFixesAt(open.doc, state.context(), start, end) : [];
      return [...forIssues, ...toFit.map((f) => fixToCodeAction(text, f))];
    }),
  );
}
