/** Inlay hints (opt-in, `peftLens.inlayHints`): what a target module entry or the rank costs, from the core. */
import type { InlayHint } from 'vscode-languageserver/node';
import { InlayHintKind } from 'vscode-languageserver/node';
import { inlayHints } from '../../../core/src/index';
import { positionToOffset } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

export function registerInlayHints(state: ServerState): void {
  state.connection.languages.inlayHint.on((params, token) =>
    runSafe<InlayHint[]>(state.log, 'inlayHint', token, [], async () => {
      // The setting decides whether there are hints at all: answer with the client's settings, not the defaults.
      await state.ready;
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const range = { start: positionToOffset(text, params.range.start), end: positionToOffset(text, params.range.end) };
      const hints = await inlayHints(state.store.get(text), state.context(), range);
      return hints.map((h) => ({ position: text.positionAt(h.offset), label: h.label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: h.tooltip }));
    }),
  );
}
