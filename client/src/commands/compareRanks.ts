/** PEFT: Compare Adapter Ranks — trainable parameters and peak memory for r = 4 … 256, as a live table. */
import * as vscode from 'vscode';
import type { CompareRanksParams, CompareRanksResponse } from '../../../server/src/protocol';
import { COMPARE_RANKS_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';
import { ranksHtml } from '../views/ranksHtml';
import { showLiveReport } from '../views/reportPanel';
import { fileName } from './showBreakdown';

export async function compareRanks(uri?: unknown): Promise<CompareRanksResponse | undefined> {
  const doc = targetDocument(uri);
  if (!doc) return undefined;
  const name = fileName(doc);
  return showLiveReport({
    kind: 'ranks',
    title: `Ranks · ${name}`,
    doc,
    load: () => sendRequest<CompareRanksResponse>(COMPARE_RANKS_REQUEST, { uri: doc.uri.toString() } satisfies CompareRanksParams),
    render: (c) => ranksHtml(c, name, vscode.workspace.getConfiguration('peftLens').get<string>('gpu', '')),
  });
}
