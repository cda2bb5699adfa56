/**
 * Method names on the keys that select the method (peft_type, adapter, finetuning_type, ...): the
 * values the papers and the concept table tie to a method, documented with the paper and why it
 * matters. Where the schema lists allowed values, only those are offered.
 */
import { CONCEPTS } from '../docs/concepts';
import { configMentions, paperRef } from '../docs/papers';
import { schemasAt } from '../schema/lookup';
import type { Completion, CompletionRequest } from './complete';
import { lastKey, scalarText } from './completeText';

export function methodNames(req: CompletionRequest): Completion[] {
  const { cursor, format, schema } = req;
  if (cursor.mode !== 'value') return [];
  const key = lastKey(cursor.path);
  if (!key) return [];
  const found = new Map<string, string[]>();
  for (const m of configMentions()) {
    if (m.key === key && m.value && !m.value.endsWith('_') && m.introduces && (!m.format || m.format === format)) found.set(m.value, [m.paper]);
  }
  for (const c of CONCEPTS) {
    for (const m of c.match ?? []) {
      if (m.key === key && typeof m.value === 'string' && !m.tunes && (!m.format || m.format === format)) found.set(m.value, c.papers);
    }
  }
  const allowed = schema ? schemasAt(schema, cursor.path).flatMap((s) => s.enum ?? []) : [];
  const out: Completion[] = [];
  for (const [value, papers] of found) {
    if (allowed.length && !allowed.includes(value)) continue;
    const refs = papers.map((id) => paperRef(id, CONCEPTS.find((c) => c.papers[0] === id)?.why));
    const documentation = refs.map((p) => `[${p.title}](${p.url})${p.why ? ` — ${p.why}` : ''}`).join('\n\n') || undefined;
    const label = CONCEPTS.find((c) => c.papers[0] === papers[0])?.label;
    out.push({ label: value, kind: 'method', detail: label, documentation, insertText: scalarText(value, req.doc.syntax, !!cursor.flow), span: cursor.span });
  }
  return out;
}
