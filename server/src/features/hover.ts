import type { Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../../../core/src/index';
import { hoverToLsp, positionToOffset } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

export function registerHover(state: ServerState): void {
  state.connection.onHover((params, token) =>
    runSafe<Hover | null>(state.log, 'hover', token, null, async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return null;
      const result = await hoverAt(state.store.get(text), positionToOffset(text, params.position), state.context());
      return result ? hoverToLsp(text, result) : null;
    }),
  );
}
