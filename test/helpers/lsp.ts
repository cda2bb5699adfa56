/**
 * A real JSON-RPC client for server tests: spawns the built dist/server.js over stdio and waits on
 * notifications (never on sleeps).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity?: number; code?: string; message: string }[];
}

export interface LspSession {
  connection: MessageConnection;
  process: ChildProcess;
  stderr: string[];
  logs: string[];
  published: PublishedDiagnostics[];
  /** How many workspace/codeLens/refresh requests the server sent. */
  lensRefreshes(): number;
  waitForLensRefresh(count: number): Promise<void>;
  /** Resolves with the first publish (now or later) that satisfies the predicate. */
  waitForDiagnostics(predicate: (p: PublishedDiagnostics) => boolean): Promise<PublishedDiagnostics>;
  waitForLog(predicate: (line: string) => boolean): Promise<string>;
  open(path: string, text: string, languageId?: string, version?: number): string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Advertise pull diagnostics (textDocument.diagnostic) like VS Code; otherwise push like Neovim 0.7. */
  pull?: boolean;
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  rootPath?: string;
  env?: NodeJS.ProcessEnv;
}

export async function startSession(options: SessionOptions = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const stderr: string[] = [];
  const logs: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const published: PublishedDiagnostics[] = [];
  const diagWaiters: { pred: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }[] = [];
  const logWaiters: { pred: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
    published.push(p);
    for (const w of [...diagWaiters]) if (w.pred(p)) diagWaiters.splice(diagWaiters.indexOf(w), 1) && w.resolve(p);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
    for (const w of [...logWaiters]) if (w.pred(p.message)) logWaiters.splice(logWaiters.indexOf(w), 1) && w.resolve(p.message);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'peftLens' ? (options.settings ?? {}) : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  let lensRefreshes = 0;
  const lensWaiters: { count: number; resolve: () => void }[] = [];
  connection.onRequest('workspace/codeLens/refresh', () => {
    lensRefreshes++;
    for (const w of [...lensWaiters]) if (lensRefreshes >= w.count) lensWaiters.splice(lensWaiters.indexOf(w), 1) && w.resolve();
    return null;
  });
  connection.listen();
  const root = options.rootPath ?? process.cwd();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true } },
      textDocument: { ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}), hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    stderr,
    logs,
    published,
    lensRefreshes: () => lensRefreshes,
    waitForLensRefresh(count) {
      return lensRefreshes >= count ? Promise.resolve() : new Promise((resolve) => lensWaiters.push({ count, resolve }));
    },
    waitForDiagnostics(pred) {
      const hit = published.find(pred);
      return hit ? Promise.resolve(hit) : new Promise((resolve) => diagWaiters.push({ pred, resolve }));
    },
    waitForLog(pred) {
      const hit = logs.find(pred);
      return hit ? Promise.resolve(hit) : new Promise((resolve) => logWaiters.push({ pred, resolve }));
    },
    open(path, text, languageId = path.endsWith('.json') ? 'json' : 'yaml', version = 1) {
      const uri = pathToFileURL(resolve(path)).href;
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return uri;
    },
    async close() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      connection.dispose();
    },
  };
}
