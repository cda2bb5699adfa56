/**
 * Diagnostics, pulled (textDocument/diagnostic) when the client supports it, else pushed as soon as
 * the server is free. Push never publishes for a version that is no longer current, and a closed
 * document gets its diagnostics cleared and nothing after.
 */
import { DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { issueToDiagnostic } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

export function registerDiagnostics(state: ServerState, pull: boolean): { refresh(): void } {
  const { connection, documents, store } = state;
  if (pull) {
    connection.languages.diagnostics.on((params, token) =>
      runSafe(state.log, 'diagnostics', token, { kind: DocumentDiagnosticReportKind.Full, items: [] }, async () => {
        await state.ready;
        const text = documents.get(params.textDocument.uri);
        if (!text) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const issues = await store.issues(text);
        return { kind: DocumentDiagnosticReportKind.Full, items: issues.map((i) => issueToDiagnostic(text, i)) };
      }),
    );
    return { refresh: () => void connection.languages.diagnostics.refresh().catch(() => undefined) };
  }

  // No fixed debounce: a change is analysed as soon as the event loop is free, and changes that
  // arrive while an analysis runs are coalesced into one analysis of the latest version. Cheap files
  // answer at once; costly ones are analysed as often as their cost allows, never queued up.
  const pending = new Set<string>();
  let draining = false;
  const publish = async (text: TextDocument) => {
    const version = text.version;
    const content = text.getText();
    const issues = await runSafe(state.log, 'diagnostics', undefined, null, () => store.issues(text));
    const current = documents.get(text.uri);
    // The version alone is not enough: a client may send two texts under one version number.
    if (!issues || !current || current.version !== version || current.getText() !== content) return;
    await connection.sendDiagnostics({ uri: text.uri, version, diagnostics: issues.map((i) => issueToDiagnostic(text, i)) });
  };
  const drain = async () => {
    await state.ready;
    while (pending.size > 0) {
      const uri = pending.values().next().value as string;
      pending.delete(uri);
      const text = documents.get(uri);
      if (text) await publish(text);
      // Let queued didChange/didClose messages in before the next analysis.
      await new Promise((resolve) => setImmediate(resolve));
    }
    draining = false;
  };
  const schedule = (text: TextDocument) => {
    pending.add(text.uri);
    if (draining) return;
    draining = true;
    setImmediate(() => void drain());
  };
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    pending.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return { refresh: () => documents.all().forEach(schedule) };
}
