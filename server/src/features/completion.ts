import type { CompletionItem } from 'vscode-languageserver/node';
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
    runSafe<CompletionItem[]>(state.log, 'completion', token, [], async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const items = await completeAt(state.store.get(text), positionToOffset(text, params.position), state.context());
      return items.map((c) => ({
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: spanToRange(text, c.span), newText: c.insertText },
        ...(c.additionalEdits?.length ? { additionalTextEdits: c.additionalEdits.map((e) => ({ range: spanToRange(text, e.span), newText: e.newText })) } : {}),
      }));
    }),
  );
}
