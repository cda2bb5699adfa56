/**
 * The one language client: started on activation, restarted when the file filter changes (the document
 * selector is fixed when a client starts). Commands reach the server through `sendRequest`, which waits
 * for a client that is running.
 */
import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { MODEL_FIX_COMMANDS } from './commands/modelFixes';
import { jsonSyntaxMiddleware } from './jsonSyntax';

let running: Promise<LanguageClient> | undefined;

export function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    synchronize: { configurationSection: 'peftLens' },
    initializationOptions: { trusted: vscode.workspace.isTrusted, commands: MODEL_FIX_COMMANDS },
    middleware: {
      ...jsonSyntaxMiddleware,
      // VS Code's own JSON language features already give a JSON file its outline and Expand Selection;
      // a second provider would show every key twice. YAML has none built in, so there ours answer.
      provideDocumentSymbols: (doc, token, next) => (isJson(doc) ? [] : next(doc, token)),
      provideSelectionRanges: (doc, positions, token, next) => (isJson(doc) ? [] : next(doc, positions, token)),
    },
  };
  const client = new LanguageClient('peftLens', 'PEFT Lens', serverOptions, clientOptions);
  running = client.start().then(() => client);
  return running;
}

export async function stopClient(): Promise<void> {
  const client = await running?.catch(() => undefined);
  running = undefined;
  await client?.stop();
}

export async function sendRequest<R>(method: string, params: object): Promise<R> {
  if (!running) throw new Error('the PEFT Lens language server is not running');
  const client = await running;
  return client.sendRequest<R>(method, params);
}

export async function sendNotification(method: string, params: object): Promise<void> {
  const client = await running?.catch(() => undefined);
  await client?.sendNotification(method, params);
}

function isJson(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'json' || doc.languageId === 'jsonc';
}

/** YAML and JSON files, narrowed to the user's globs when `peftLens.files` is set. */
function documentSelector(): DocumentSelector {
  const globs = vscode.workspace.getConfiguration('peftLens').get<string[]>('files', []);
  if (globs.length > 0) return globs.map((pattern) => ({ scheme: 'file', pattern }));
  return ['yaml', 'json', 'jsonc'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}
