/** The parsed document and its TextDocument for a request's uri, or undefined when it is not open. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigDoc } from '../../../core/src/index';
import type { ServerState } from '../state';

export async function openDoc(state: ServerState, uri: string): Promise<{ text: TextDocument; doc: ConfigDoc } | undefined> {
  await state.ready;
  const text = state.documents.get(uri);
  return text ? { text, doc: state.store.get(text) } : undefined;
}
