/**
 * Model completion: on the key that names the base model, every id of the bundled model catalog and
 * every alias (an `-Instruct` variant is an alias of its base entry), with their size, ordered by how
 * well they match what is typed (matchRank.ts) and then by length, so `Qwen/Qwen2.5-7B-In` puts
 * `Qwen/Qwen2.5-7B-Instruct` first. Which key names the model is the format's business: a probe value
 * is put at the cursor and the format's extract says whether it became the plan's model.
 */
import { openDocument } from '../document';
import { FORMATS } from '../formats/registry';
import { catalogEntries } from '../models/catalog';
import type { Completion, CompletionRequest } from './complete';
import { scalarText } from './completeText';
import { matchRank } from './matchRank';
import { shortCount } from './units';

const PROBE = 'peft-lens-probe/model';

export function modelIds(req: CompletionRequest): Completion[] {
  const { cursor, doc } = req;
  if (cursor.mode !== 'value' || !namesModel(req)) return [];
  const typed = doc.text.slice(cursor.span.start, Math.max(cursor.span.start, req.offset)).replace(/^["']/, '');
  const ranked = catalogEntries()
    .flatMap((m) => [m.id, ...(m.aliases ?? [])].map((id) => ({ id, entry: m, rank: matchRank(typed, id) })))
    .filter((c): c is typeof c & { rank: number } => c.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.id.length - b.id.length || a.id.localeCompare(b.id));
  const width = String(ranked.length).length;
  return ranked.map((c, i) => ({
    label: c.id,
    kind: 'model' as const,
    detail: `${shortCount(c.entry.total_params)} parameters · bundled catalog${c.id === c.entry.id ? '' : ` (same shapes as ${c.entry.id})`}`,
    insertText: scalarText(c.id, doc.syntax, false),
    span: cursor.span,
    sortText: String(i).padStart(width, '0'),
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
