/**
 * The VS Code client: starts the bundled language server over IPC, and adds the PEFT commands and the
 * status-bar item. It parses nothing itself; everything it shows comes from the server.
 */
import * as vscode from 'vscode';
import { TRUST_NOTIFICATION } from '../../server/src/protocol';
import { registerCommands } from './commands/register';
import { sendNotification, startClient, stopClient } from './languageClient';
import { createStatusBar } from './statusBar';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('PEFT Lens', { log: true });
  context.subscriptions.push(output);
  await startClient(context, output);
  context.subscriptions.push(
    registerCommands(),
    createStatusBar(),
    vscode.workspace.onDidGrantWorkspaceTrust(() => sendNotification(TRUST_NOTIFICATION, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts, so a new file filter needs a restart.
      if (e.affectsConfiguration('peftLens.files')) {
        await stopClient();
        await startClient(context, output);
      }
    }),
  );
}

export function deactivate(): Promise<void> {
  return stopClient();
}
