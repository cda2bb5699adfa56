/**
 * Wiring: capabilities from the client decide pull or push diagnostics and how settings arrive;
 * every feature is a thin adapter over the core.
 */
import type { Connection, InitializeResult } from 'vscode-languageserver/node';
import { CodeActionKind, CodeLensRefreshRequest, ErrorCodes, InlayHintRefreshRequest, ResponseError, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Context } from '../../core/src/index';
import { createContext } from '../../core/src/index';
import { DocumentStore, trackedDocuments, uriToPath } from './documents';
import { registerBreakdown } from './features/breakdown';
import { registerCodeActions } from './features/codeActions';
import { registerCodeLens } from './features/codeLens';
import { registerCompareRanks } from './features/compareRanks';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerEstimate } from './features/estimate';
import { registerHover } from './features/hover';
import { registerInlayHints } from './features/inlayHints';
import { registerLargestFit } from './features/largestFit';
import { registerMethods } from './features/methods';
import { registerReferences } from './features/references';
import { registerStatus } from './features/status';
import { registerStructure } from './features/structure';
import { createNodeHost } from './nodeHost';
import type { InitOptions, TrustParams } from './protocol';
import { TRUST_NOTIFICATION } from './protocol';
import { SettingsStore } from './settings';
import type { ServerState } from './state';

declare const PEFT_LENS_VERSION: string;

export function startServer(connection: Connection): void {
  const log = (message: string) => connection.console.log(message);
  let settings: SettingsStore | undefined;
  let trusted = true;
  let folders: string[] = [];
  let context: Context | undefined;
  const getContext = () =>
    (context ??= createContext({ settings: settings?.value, host: createNodeHost({ trusted, workspaceFolders: folders }) }));
  const store = new DocumentStore(getContext);
  const documents = trackedDocuments(store);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const state: ServerState = { connection, documents, store, context: getContext, ready, log, clientCommands: new Set() };
  let diagnostics: { refresh(): void } | undefined;
  let lensRefresh = false;
  let hintRefresh = false;

  const invalidate = () => {
    context = undefined;
    store.clear();
    diagnostics?.refresh();
    // Lenses show the fit against the selected GPU: a settings change outdates them without an edit.
    if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    // So are inlay hints, and turning peftLens.inlayHints on or off must show or clear them at once.
    if (hintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  };

  let initialized = false;
  connection.onInitialize((params) => {
    // A second initialize would register the diagnostics handlers again and publish everything twice.
    if (initialized) return new ResponseError(ErrorCodes.InvalidRequest, 'the server is already initialized; initialize is answered once per process');
    initialized = true;
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitOptions;
    trusted = options.trusted ?? true;
    for (const command of Array.isArray(options.commands) ? options.commands : []) if (typeof command === 'string') state.clientCommands.add(command);
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [uriToPath(params.rootUri)];
    settings = new SettingsStore(connection, !!caps.workspace?.configuration, options.settings);
    const pull = !!caps.textDocument?.diagnostic;
    lensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    hintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    diagnostics = registerDiagnostics(state, pull);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '"', '-', '.'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'peft-lens' },
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        inlayHintProvider: true,
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'peft-lens', version: typeof PEFT_LENS_VERSION === 'string' ? PEFT_LENS_VERSION : 'dev' },
    };
    return result;
  });

  connection.onInitialized(async () => {
    await settings?.refresh();
    context = undefined;
    store.clear();
    markReady();
  });
  connection.onDidChangeConfiguration(async (change) => {
    await settings?.refresh(change.settings);
    invalidate();
  });
  connection.onNotification(TRUST_NOTIFICATION, (params: TrustParams) => {
    trusted = !!params.trusted;
    invalidate();
  });
  documents.onDidClose((e) => store.drop(e.document.uri));
  // A second didOpen of a URI starts over: the cached parse and the recorded edit belong to the old text.
  documents.onDidOpen((e) => store.drop(e.document.uri));
  connection.onShutdown(() => store.clear());

  registerHover(state);
  registerCompletion(state);
  registerCodeActions(state);
  registerEstimate(state);
  registerStatus(state, () => trusted);
  registerCodeLens(state);
  registerBreakdown(state);
  registerCompareRanks(state);
  registerLargestFit(state);
  registerMethods(state);
  registerStructure(state);
  registerReferences(state);
  registerInlayHints(state);

  documents.listen(connection);
  connection.listen();
}
