/**
 * The VS Code client: starts the bundled language server over IPC and hands it YAML and JSON files.
 * It parses nothing itself; everything it shows comes from the server.
 */
import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { TRUST_NOTIFICATION } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('PEFT Lens', { log: true });
  context.subscriptions.push(output);
  await startClient(context, output);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification(TRUST_NOTIFICATION, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts, so a new file filter needs a restart.
      if (e.affectsConfiguration('peftLens.files')) {
        await client?.stop();
        await startClient(context, output);
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    synchronize: { configurationSection: 'peftLens' },
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('peftLens', 'PEFT Lens', serverOptions, clientOptions);
  await client.start();
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
