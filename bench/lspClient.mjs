// A minimal LSP client for benchmarks: spawns a server over stdio, speaks JSON-RPC through
// vscode-jsonrpc, and resolves waits on notifications (never on sleeps).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export async function startServer({ command, args, settings = {}, rootUri }) {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const published = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((i) => settings[i.section] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
      },
    },
  });
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings });
  return {
    started,
    child,
    connection,
    /** The next publish for `uri` that satisfies `pred` (pending ones are not replayed). */
    nextPublish(uri, pred = () => true) {
      return new Promise((resolve) => waiters.push({ pred: (p) => p.uri === uri && pred(p), resolve }));
    },
    rssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
    },
    async stop() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      connection.sendNotification('exit');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      connection.dispose();
    },
  };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
