/** What every feature adapter needs: the connection, open documents, the parse cache, the context. */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Context } from '../../core/src/index';
import type { DocumentStore } from './documents';
import type { Logger } from './runSafe';

export interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  context(): Context;
  /** Resolves once the first settings have arrived; analysis waits for it so it runs once, right. */
  ready: Promise<void>;
  log: Logger;
  /** The client's own commands (InitOptions.commands) that code actions may run. */
  clientCommands: Set<string>;
}
