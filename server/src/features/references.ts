/**
 * Document links and go-to-definition over the core's references: Hub ids open their page, local paths
 * their file (a model folder its config.json), torchtune `${key}` the key it copies.
 */
import type { DocumentLink, Location } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { referenceAt, referencesOf } from '../../../core/src/index';
import type { Reference } from '../../../core/src/index';
import { positionToOffset, spanToRange } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

export function registerReferences(state: ServerState): void {
  state.connection.onDocumentLinks((params, token) =>
    runSafe<DocumentLink[]>(state.log, 'documentLinks', token, [], async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return [];
      const refs = await referencesOf(state.store.get(text), state.context());
      // An interpolation is a jump inside the file, which is what go-to-definition is for, not a link.
      return refs.flatMap((r) => {
        const target = targetUri(r);
        return target ? [{ range: spanToRange(text, r.span), target, tooltip: r.tooltip }] : [];
      });
    }),
  );
  state.connection.onDefinition((params, token) =>
    runSafe<Location | null>(state.log, 'definition', token, null, async () => {
      const text = state.documents.get(params.textDocument.uri);
      if (!text) return null;
      const ref = await referenceAt(state.store.get(text), positionToOffset(text, params.position), state.context());
      if (!ref || 'url' in ref.target) return null;
      if ('span' in ref.target) return { uri: params.textDocument.uri, range: spanToRange(text, ref.target.span) };
      return { uri: pathToFileURL(ref.target.path).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    }),
  );
}

function targetUri(r: Reference): string | undefined {
  if ('url' in r.target) return r.target.url;
  if ('path' in r.target) return pathToFileURL(r.target.path).href;
  return undefined;
}
