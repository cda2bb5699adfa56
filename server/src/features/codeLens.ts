/** Inline estimates: the core's lens above the method key, opening the breakdown view on click. */
import type { CodeLens } from 'vscode-languageserver/node';
import { codeLensesFor } from '../../../core/src/index';
import { spanToRange } from '../convert';
import { SHOW_BREAKDOWN_COMMAND } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerCodeLens(state: ServerState): void {
  state.connection.onCodeLens((params, token) =>
    runSafe<CodeLens[]>(state.log, 'codeLens', token, [], async () => {
      const open = await openDoc(state, params.textDocument.uri);
      if (!open) return [];
      const lenses = await codeLensesFor(open.doc, state.context(), await state.store.issues(open.text));
      return lenses.map((l) => ({
        range: spanToRange(open.text, l.span),
        command: { title: l.title, command: SHOW_BREAKDOWN_COMMAND, arguments: [params.textDocument.uri], ...(l.tooltip ? { tooltip: l.tooltip } : {}) },
      }));
    }),
  );
}
