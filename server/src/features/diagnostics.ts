/**
 * Diagnostics, pulled (textDocument/diagnostic) when the client supports it, else pushed after an
 * adaptive debounce. Push never publishes for a version that is no longer current, and a closed
 * document gets its diagnostics cleared and nothing after.
 */
import { DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { issueToDiagnostic } from '../convert';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

/** The debounce follows the cost of the analysis: free files answer at once, heavy ones wait a little. */
const MAX_DELAY_MS = 200;

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

  const timers = new Map<string, NodeJS.Timeout>();
  let averageMs = 0;
  const publish = async (text: TextDocument) => {
    await state.ready;
    const started = performance.now();
    const version = text.version;
    const issues = await runSafe(state.log, 'diagnostics', undefined, null, () => store.issues(text));
    averageMs = 0.7 * averageMs + 0.3 * (performance.now() - started);
    const current = documents.get(text.uri);
    if (!issues || !current || current.version !== version) return;
    await connection.sendDiagnostics({ uri: text.uri, version, diagnostics: issues.map((i) => issueToDiagnostic(text, i)) });
  };
  const schedule = (text: TextDocument) => {
    clearTimeout(timers.get(text.uri));
    const delay = Math.min(MAX_DELAY_MS, Math.round(averageMs * 2));
    timers.set(
      text.uri,
      setTimeout(() => {
        timers.delete(text.uri);
        void publish(text);
      }, delay),
    );
  };
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return { refresh: () => documents.all().forEach(schedule) };
}
