/**
 * PEFT: Largest Batch and Sequence That Fit — asks the server for the largest micro-batch (at the file's
 * sequence length) and the longest sequence (at the file's micro-batch) on the selected GPU, and says so
 * in a notification that offers to pick another GPU.
 */
import * as vscode from 'vscode';
import type { LargestFitParams, LargestFitResponse } from '../../../server/src/protocol';
import { LARGEST_FIT_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';
import { SELECT_GPU_COMMAND } from './selectGpu';

export async function largestFit(uri?: unknown): Promise<LargestFitResponse | undefined> {
  const doc = targetDocument(uri);
  if (!doc) return undefined;
  const fit = await sendRequest<LargestFitResponse>(LARGEST_FIT_REQUEST, { uri: doc.uri.toString() } satisfies LargestFitParams);
  const other = 'Other GPU…';
  // Not awaited: the notification stays until dismissed, and the command's result must not wait for that.
  void vscode.window.showInformationMessage(largestFitMessage(fit), other).then(async (choice) => {
    if (choice !== other) return;
    if (await vscode.commands.executeCommand<string | undefined>(SELECT_GPU_COMMAND)) await largestFit(doc.uri);
  });
  return fit;
}

export function largestFitMessage(fit: LargestFitResponse): string {
  if (!fit.available) return `PEFT Lens: ${fit.reason ?? `no estimate for ${fit.gpu}`}`;
  const parts: string[] = [];
  const batch = fit.microBatchSize;
  if (batch) parts.push(batch.value > 0 ? `micro-batch up to ${batch.value} at sequence length ${batch.atSequenceLength}` : `not even micro-batch 1 fits at sequence length ${batch.atSequenceLength}`);
  const seq = fit.sequenceLength;
  if (seq) parts.push(seq.value > 0 ? `sequence length up to ${seq.value} at micro-batch ${seq.atMicroBatchSize}` : `no sequence length fits at micro-batch ${seq.atMicroBatchSize}`);
  return `PEFT Lens on ${fit.gpu}: ${parts.join('; ')}${fit.basis ? ` (${fit.basis})` : ''}.`;
}
