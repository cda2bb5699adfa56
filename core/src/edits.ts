/**
 * Text edits that quick fixes are made of, written once for YAML and JSON so every rule can offer
 * "remove this key" or "add these keys" without knowing the syntax.
 */
import type { ConfigDoc } from './document';
import type { Entry, MapNode } from './parse/tree';
import { findEntry } from './parse/tree';
import type { TextEdit } from './types';

/** Removes an entry with its whole line(s) in YAML, or the property and its comma in JSON. */
export function removeEntryEdit(doc: ConfigDoc, map: MapNode, entry: Entry): TextEdit {
  const text = doc.text;
  if (doc.syntax === 'json') {
    const i = map.entries.indexOf(entry);
    const next = map.entries[i + 1];
    if (next) return { span: { start: entry.span.start, end: next.span.start }, newText: '' };
    const prev = map.entries[i - 1];
    const start = prev ? prev.span.end : entry.span.start;
    return { span: { start, end: entry.span.end }, newText: '' };
  }
  const lineStart = text.lastIndexOf('\n', entry.span.start - 1) + 1;
  const onlyIndent = /^[ \t-]*$/.test(text.slice(lineStart, entry.span.start));
  let end = text.indexOf('\n', Math.max(entry.span.end - 1, entry.span.start));
  end = end < 0 ? text.length : end + 1;
  return { span: { start: onlyIndent ? lineStart : entry.span.start, end }, newText: '' };
}

/**
 * Adds `key: value` lines (YAML) or `"key": value` properties (JSON) at the end of a mapping.
 * Values are given as JSON literals, which are valid YAML flow scalars too.
 */
export function addEntriesEdit(doc: ConfigDoc, map: MapNode, entries: [string, unknown][]): TextEdit {
  const text = doc.text;
  const last = map.entries[map.entries.length - 1];
  if (doc.syntax === 'json') {
    const indent = last ? indentOf(text, last.span.start) : '  ';
    const body = entries.map(([k, v]) => `${indent}${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
    if (last) return { span: { start: last.span.end, end: last.span.end }, newText: `,\n${body}` };
    return { span: { start: map.span.start + 1, end: map.span.start + 1 }, newText: `\n${body}\n` };
  }
  const indent = last ? indentOf(text, last.key.span.start) : '';
  const body = entries.map(([k, v]) => `${indent}${k}: ${yamlScalar(v)}\n`).join('');
  if (!last) return { span: { start: text.length, end: text.length }, newText: (text.endsWith('\n') || text === '' ? '' : '\n') + body };
  let at = text.indexOf('\n', last.span.end);
  at = at < 0 ? text.length : at + 1;
  return { span: { start: at, end: at }, newText: (at === text.length && !text.endsWith('\n') ? '\n' : '') + body };
}

/**
 * Replaces a value with `value` written for the document's syntax. A JSON string's span leaves out
 * its quotes (they are not part of the value), so the edit takes them in and writes its own.
 */
export function replaceValueEdit(span: { start: number; end: number }, value: unknown, doc: ConfigDoc): TextEdit {
  if (doc.syntax !== 'json') return { span, newText: yamlScalar(value) };
  const quoted = doc.text[span.start - 1] === '"' && doc.text[span.end] === '"';
  return { span: quoted ? { start: span.start - 1, end: span.end + 1 } : span, newText: JSON.stringify(value) };
}

/** A value as a YAML flow scalar: strings YAML would read as something else (`no`, `1e-4`) are quoted. */
export function yamlScalar(v: unknown): string {
  if (typeof v === 'string') return /^[\w./-]+$/.test(v) && !/^(true|false|yes|no|on|off|null|~|[-+.\d].*)$/i.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Top-level `key: value` settings: written values replaced, new keys appended together. */
export function setKeysEdits(doc: ConfigDoc, entries: [string, unknown][]): TextEdit[] {
  if (doc.root?.kind !== 'map') return [];
  const root = doc.root;
  const edits: TextEdit[] = [];
  const added: [string, unknown][] = [];
  for (const [key, value] of entries) {
    const entry: Entry | undefined = findEntry(root, key);
    if (entry?.value && entry.value.span.end > entry.value.span.start) edits.push(replaceValueEdit(entry.value.span, value, doc));
    else if (entry) edits.push(valueAfterColon(doc, entry, value));
    else added.push([key, value]);
  }
  if (added.length) edits.push(addEntriesEdit(doc, root, added));
  return edits;
}

/** `key:` with nothing after it: the value goes after the colon. */
function valueAfterColon(doc: ConfigDoc, entry: Entry, value: unknown): TextEdit {
  const at = doc.text.indexOf(':', entry.key.span.end) + 1;
  return { span: { start: at, end: at }, newText: ` ${JSON.stringify(value)}` };
}
