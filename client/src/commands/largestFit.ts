/**
 * PEFT: Largest Batch and Sequence That Fit — asks the server for the largest micro-batch (at the file's
 * sequence length) and the longest sequence (at the file's micro-batch, rounded down to a multiple of 64)
 * on the selected GPU, and says so in a notification whose buttons write either answer into the file
 * or pick another GPU.
 */
import * as vscode from 'vscode';
import type { EditToApply, LargestFitParams, LargestFitResponse } from '../../../server/src/protocol';
import { LARGEST_FIT_REQUEST } from '../../../server/src/protocol';
import { sendRequest } from '../languageClient';
import { targetDocument } from '../target';
import { SELECT_GPU_COMMAND } from './selectGpu';

/** `apply` names the answer to write at once, as its button would (for keyboard bindings and tests). */
export async function largestFit(uri?: unknown, apply?: unknown): Promise<LargestFitResponse | undefined> {
  const doc = targetDocument(uri);
  if (!doc) return undefined;
  const fit = await sendRequest<LargestFitResponse>(LARGEST_FIT_REQUEST, { uri: doc.uri.toString() } satisfies LargestFitParams);
  const chosen = apply === 'microBatchSize' || apply === 'sequenceLength' ? fit.apply?.[apply] : undefined;
  if (chosen) {
    await applyEdits(doc, chosen);
    return fit;
  }
  const other = 'Other GPU…';
  const buttons = new Map<string, EditToApply>();
  if (fit.apply?.microBatchSize && fit.microBatchSize) buttons.set(`Apply micro-batch ${fit.microBatchSize.value}`, fit.apply.microBatchSize);
  if (fit.apply?.sequenceLength && fit.sequenceLength) buttons.set(`Apply sequence length ${fit.sequenceLength.value}`, fit.apply.sequenceLength);
  // Not awaited: the notification stays until dismissed, and the command's result must not wait for that.
  void vscode.window.showInformationMessage(largestFitMessage(fit), ...buttons.keys(), other).then(async (choice) => {
    const edit = choice && buttons.get(choice);
    if (edit) await applyEdits(doc, edit);
    else if (choice === other && (await vscode.commands.executeCommand<string | undefined>(SELECT_GPU_COMMAND))) await largestFit(doc.uri);
  });
  return fit;
}

/** Writes an answer into the document (one undo step), as the server computed it for the document's current text. */
export async function applyEdits(doc: vscode.TextDocument, apply: EditToApply): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of apply.edits) edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  return vscode.workspace.applyEdit(edit);
}

export function largestFitMessage(fit: LargestFitResponse): string {
  if (!fit.available) return `PEFT Lens: ${fit.reason ?? `no estimate for ${fit.gpu}`}`;
  const parts: string[] = [];
  const batch = fit.microBatchSize;
  if (batch) parts.push(batch.value > 0 ? `micro-batch up to ${batch.value} at sequence length ${batch.atSequenceLength}` : `not even micro-batch 1 fits at sequence length ${batch.atSequenceLength}`);
  const seq = fit.sequenceLength;
  const rounded = seq?.solved ? ` (${seq.solved} fits; rounded down to a multiple of ${seq.roundedTo})` : '';
  if (seq) parts.push(seq.value > 0 ? `sequence length up to ${seq.value} at micro-batch ${seq.atMicroBatchSize}${rounded}` : `no sequence length fits at micro-batch ${seq.atMicroBatchSize}`);
  return `PEFT Lens on ${fit.gpu}: ${parts.join('; ')}${fit.basis ? ` (${fit.basis})` : ''}.`;
}
