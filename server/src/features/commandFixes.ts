/**
 * Quick fixes the editor carries out itself (a file dialog, a workspace setting), for issues no text
 * edit alone fixes; named only when the client declared the command (InitOptions.commands).
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Issue } from '../../../core/src/index';
import { spanToRange } from '../convert';
import { CHOOSE_MODEL_FOLDER_COMMAND, ENABLE_MODEL_LOOKUPS_COMMAND } from '../protocol';
import type { ServerState } from '../state';

export function commandFixes(state: ServerState, text: TextDocument, issue: Issue, diagnostic: Diagnostic): CodeAction[] {
  if (issue.code !== 'model/unresolved') return [];
  const out: CodeAction[] = [];
  const action = (title: string, command: string, args: unknown[]): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command, arguments: args } });
  if (state.clientCommands.has(CHOOSE_MODEL_FOLDER_COMMAND)) {
    out.push(action("Point to the model's local config.json…", CHOOSE_MODEL_FOLDER_COMMAND, [text.uri, spanToRange(text, issue.span)]));
  }
  if (state.clientCommands.has(ENABLE_MODEL_LOOKUPS_COMMAND) && !state.context().settings.modelLookups) {
    out.push(action('Enable Hugging Face Hub look-ups for this workspace', ENABLE_MODEL_LOOKUPS_COMMAND, []));
  }
  return out;
}
