/** Driving the editor as a user does: typing, Ctrl+Space then Enter, arrow keys and Enter in a quick pick. */
import * as vscode from 'vscode';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Types `text` at the cursor, opens the suggestions (Ctrl+Space) and accepts the selected one (Enter). */
export async function typeAndAcceptSuggestion(editor: vscode.TextEditor, text: string, timeoutMs = 20_000): Promise<void> {
  await vscode.commands.executeCommand('type', { text });
  const typed = editor.document.getText();
  const deadline = Date.now() + timeoutMs;
  // The widget fills once the server answers; Enter before that does nothing, so ask again.
  while (editor.document.getText() === typed) {
    if (Date.now() > deadline) throw new Error(`no suggestion was accepted after typing "${text}"`);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await pause(600);
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    await pause(200);
  }
}

/**
 * Answers the quick picks a command opens, one after another: for each, Down `downs[i]` times, then
 * Enter. Returns the command's result. A pick that is not open yet ignores the keys, so the last
 * answer is repeated until the command finishes.
 */
export async function answerQuickPicks<T>(pending: Thenable<T>, downs: number[], timeoutMs = 20_000): Promise<T> {
  let done = false;
  const result = Promise.resolve(pending).finally(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; !done; i = Math.min(i + 1, downs.length - 1)) {
    if (Date.now() > deadline) throw new Error(`the quick picks were not answered within ${timeoutMs} ms`);
    await pause(1000);
    if (done) break;
    for (let n = 0; n < downs[i]; n++) await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return result;
}
