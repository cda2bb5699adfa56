import type { CompletionList } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver/node';
import type { Completion } from '../../../core/src/index';
import { completeAt } from '../../../core/src/index';
import { positionToOffset, spanToRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

const KIND: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  module: CompletionItemKind.Module,
  model: CompletionItemKind.Reference,
  method: CompletionItemKind.EnumMember,
};

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion((params, token) =>
    runSafe<CompletionList>(state.log, 'completion', token, { isIncomplete: false, items: [] }, async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return { isIncomplete: false, items: [] };
      const items = await completeAt(state.store.get(text), positionToOffset(text, params.position), state.context());
      // Values are asked again at every keystroke: once the typed value is one of them the core offers
      // nothing and the editor closes the popup, so Enter ends the line (and model ids re-rank as typed).
      const isIncomplete = items.some((c) => c.kind !== 'key' && c.kind !== 'snippet');
      return { isIncomplete, items: items.map((c) => ({
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: spanToRange(text, c.span), newText: c.insertText },
        ...(c.additionalEdits?.length ? { additionalTextEdits: c.additionalEdits.map((e) => ({ range: spanToRange(text, e.span), newText: e.newText })) } : {}),
        ...(c.sortText ? { sortText: c.sortText } : {}),
      })) };
    }),
  );
}
