/**
 * The config's structure for the editor: document symbols (Outline, breadcrumbs, Go to Symbol) and
 * selection ranges (Expand Selection), both straight from the core's tree.
 */
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver/node';
import { SymbolKind } from 'vscode-languageserver/node';
import type { DocSymbol, SymbolKind as CoreKind } from '../../../core/src/index';
import { documentSymbols, selectionRanges } from '../../../core/src/index';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { positionToOffset, spanToRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

const KINDS: Record<CoreKind, SymbolKind> = {
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

export function registerStructure(state: ServerState): void {
  state.connection.onDocumentSymbol((params, token) =>
    runSafe<DocumentSymbol[]>(state.log, 'documentSymbol', token, [], () => {
      const text = state.documents.get(params.textDocument.uri);
      return text ? documentSymbols(state.store.get(text)).map((s) => toLsp(text, s)) : [];
    }),
  );
  state.connection.onSelectionRanges((params, token) =>
    runSafe<SelectionRange[]>(state.log, 'selectionRange', token, [], () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const chains = selectionRanges(state.store.get(text), params.positions.map((p) => positionToOffset(text, p)));
      return chains.map((chain, i) => {
        let range: SelectionRange | undefined;
        for (const span of [...chain].reverse()) range = { range: spanToRange(text, span), ...(range ? { parent: range } : {}) };
        // An unanalysed file still answers with the cursor itself, as LSP asks for one range per position.
        return range ?? { range: { start: params.positions[i], end: params.positions[i] } };
      });
    }),
  );
}

function toLsp(text: TextDocument, s: DocSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: KINDS[s.kind],
    range: spanToRange(text, s.span),
    selectionRange: spanToRange(text, s.selectionSpan),
    children: s.children.map((c) => toLsp(text, c)),
  };
}
