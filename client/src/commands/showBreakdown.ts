/** PEFT: Show Memory Breakdown — the server's breakdown of the document's peak memory, as a live view. */
import * as vscode from 'vscode';
import type { BreakdownParams, BreakdownResponse } from '../../../server/src/protocol';
import { BREAKDOWN_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';
import { breakdownHtml } from '../views/breakdownHtml';
import { showLiveReport } from '../views/reportPanel';

/** `uri`: from the CodeLens (a string) or a caller; the active editor's document otherwise. */
export async function showBreakdown(uri?: unknown): Promise<BreakdownResponse | undefined> {
  const doc = targetDocument(uri);
  if (!doc) return undefined;
  const name = fileName(doc);
  return showLiveReport({
    kind: 'breakdown',
    title: `Memory · ${name}`,
    doc,
    load: () => sendRequest<BreakdownResponse>(BREAKDOWN_REQUEST, { uri: doc.uri.toString() } satisfies BreakdownParams),
    render: (b) => breakdownHtml(b, name),
  });
}

export function fileName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() ?? doc.uri.path;
}
