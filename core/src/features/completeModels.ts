/**
 * Model completion: on the key that names the base model, the ids of the bundled model catalog,
 * with their size. Which key names the model is the format's business: a probe value is put at the
 * cursor and the format's extract says whether it became the plan's model.
 */
import { openDocument } from '../document';
import { FORMATS } from '../formats/registry';
import { catalogEntries } from '../models/catalog';
import type { Completion, CompletionRequest } from './complete';
import { scalarText } from './completeText';
import { shortCount } from './units';

const PROBE = 'peft-lens-probe/model';

export function modelIds(req: CompletionRequest): Completion[] {
  const { cursor, doc } = req;
  if (cursor.mode !== 'value' || !namesModel(req)) return [];
  return catalogEntries().map((m) => ({
    label: m.id,
    kind: 'model' as const,
    detail: `${shortCount(m.total_params)} parameters · bundled catalog`,
    insertText: scalarText(m.id, doc.syntax, false),
    span: cursor.span,
  }));
}

function namesModel(req: CompletionRequest): boolean {
  const { doc, cursor } = req;
  const probe = doc.syntax === 'json' ? JSON.stringify(PROBE) : PROBE;
  const text = doc.text.slice(0, cursor.span.start) + probe + doc.text.slice(cursor.span.end);
  const probed = openDocument(doc.path, text, req.ctx.settings);
  if (probed.format !== doc.format) return false;
  return FORMATS[req.format].extract(probed).model?.value === PROBE;
}
