/**
 * Method snippets as completions, served here rather than contributed to every YAML and JSON file:
 * in a blank file (nothing but comments) every format of its syntax offers its start; in a recognised
 * YAML config a snippet typed at the start of an empty top-level line is merged like Insert
 * Fine-Tuning Method (the old method's keys removed as additional edits). Anywhere else (a GitHub
 * workflow, package.json) nothing is offered.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { openDocument } from '../document';
import { methodsFor } from '../docs/methods';
import { snippetsOf } from '../docs/snippets';
import type { FormatId, Span, TextEdit } from '../types';
import { FORMAT_IDS } from '../types';
import type { Completion } from './complete';
import { wordAt } from './cursor';
import { insertMethod } from './insertMethod';

export async function methodSnippets(doc: ConfigDoc, offset: number, ctx: Context): Promise<Completion[]> {
  const text = doc.text;
  const word = wordAt(text, offset, /[\w-]/);
  // lastIndexOf at -1 still looks at index 0: a file starting with a newline must not count it.
  const lineStart = word.start === 0 ? 0 : text.lastIndexOf('\n', word.start - 1) + 1;
  const nl = text.indexOf('\n', word.end);
  const rest = text.slice(word.end, nl < 0 ? text.length : nl);
  // Only where a top-level key would start: column 0, nothing else on the line.
  if (word.start !== lineStart || rest.trim() !== '') return [];
  const without = text.slice(0, word.start) + text.slice(word.end);
  if (isBlank(without, doc.syntax)) return startsOf(doc, word);
  if (!doc.format || doc.syntax !== 'yaml') return [];
  const emptied = openDocument(doc.path, without, ctx.settings, doc.syntax);
  if (emptied.format !== doc.format) return [];
  const out: Completion[] = [];
  for (const m of methodsFor(doc.format)) {
    if (!m.snippet) continue;
    const answer = await insertMethod(emptied, m.id, ctx, { replace: { start: word.start, end: word.start }, skipConflicts: true });
    if (!answer.ok) continue;
    // Back to this text's offsets: the word, removed for the merge, sits at word.start.
    const back = (o: number) => (o >= word.start ? o + word.end - word.start : o);
    const additionalEdits: TextEdit[] = answer.merge.edits.map((e) => ({ span: { start: back(e.span.start), end: back(e.span.end) }, newText: e.newText }));
    out.push({ ...item(m.snippet.prefix, m.snippet.description, answer.merge.snippet.body, word), additionalEdits });
  }
  return out;
}

function isBlank(text: string, syntax: ConfigDoc['syntax']): boolean {
  return text.split('\n').every((l) => l.trim() === '' || (syntax === 'yaml' && l.trim().startsWith('#')));
}

/** A blank file: the starts of its format, or of every format its syntax can be (JSON: adapter_config.json). */
function startsOf(doc: ConfigDoc, word: Span): Completion[] {
  const formats: readonly FormatId[] = doc.format ? [doc.format] : FORMAT_IDS.filter((f) => (f === 'peft-adapter') === (doc.syntax === 'json'));
  return formats.flatMap((f) => snippetsOf(f).map((s) => item(s.prefix, s.description, s.body, word)));
}

function item(prefix: string, description: string | undefined, body: string, span: Span): Completion {
  return { label: prefix, kind: 'snippet', detail: description, insertText: body, snippet: true, span };
}
