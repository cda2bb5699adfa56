/**
 * Completion: the keys a mapping may still take and the values a key allows, from the schema. The
 * path at the cursor comes from the tree where it parses, and from indentation on the line being
 * typed (YAML), which is usually not valid yet.
 */
import { getLocation } from 'jsonc-parser';
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import { torchtuneCompletions } from '../formats/torchtune/editor';
import type { Path } from '../parse/tree';
import { getNode, keyText } from '../parse/tree';
import { knownKeys, schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Span } from '../types';

export interface Completion {
  label: string;
  kind: 'key' | 'value' | 'snippet' | 'module' | 'model' | 'method';
  detail?: string;
  documentation?: string;
  /** Text to insert; a VS Code snippet when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  /** The text the completion replaces (the word being typed). */
  span: Span;
}

export interface CursorContext {
  /** Path of the mapping (for keys) or of the key (for values). */
  path: Path;
  mode: 'key' | 'value';
  span: Span;
}

export async function completeAt(doc: ConfigDoc, offset: number, _ctx: Context): Promise<Completion[]> {
  if (!doc.format) return [];
  const schema = FORMATS[doc.format].schema(doc);
  if (!schema) return [];
  const cursor = cursorContext(doc, offset);
  const fromSchema = cursor.mode === 'key' ? keyCompletions(doc, schema, cursor) : valueCompletions(doc, schema, cursor);
  // torchtune: `_component_` paths and component arguments come from the component catalog.
  const extra = doc.format === 'torchtune' ? torchtuneCompletions(doc, cursor).filter((c) => !fromSchema.some((s) => s.label === c.label)) : [];
  return [...fromSchema, ...extra];
}

function keyCompletions(doc: ConfigDoc, schema: JsonSchema, cursor: CursorContext): Completion[] {
  const present = new Set<string>();
  const map = getNode(doc.root, cursor.path);
  if (map?.kind === 'map') for (const e of map.entries) if (e.key.span.start !== cursor.span.start) present.add(keyText(e));
  const out: Completion[] = [];
  for (const [key, sub] of knownKeys(schema, cursor.path)) {
    if (present.has(key) || sub.deprecated) continue;
    const insertText = doc.syntax === 'json' ? `"${key}": ` : `${key}: `;
    out.push({ label: key, kind: 'key', detail: typeof sub.type === 'string' ? sub.type : undefined, documentation: sub.description, insertText, span: cursor.span });
  }
  return out;
}

function valueCompletions(doc: ConfigDoc, schema: JsonSchema, cursor: CursorContext): Completion[] {
  const values = new Set<unknown>();
  for (const s of schemasAt(schema, cursor.path)) {
    for (const v of s.enum ?? []) values.add(v);
    for (const b of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const v of b.enum ?? []) values.add(v);
    const types = [s.type].flat();
    if (types.includes('boolean')) [true, false].forEach((v) => values.add(v));
  }
  return [...values]
    .filter((v) => v !== null)
    .map((v) => ({ label: String(v), kind: 'value' as const, insertText: doc.syntax === 'json' && typeof v === 'string' ? `"${v}"` : String(v), span: cursor.span }));
}

export function cursorContext(doc: ConfigDoc, offset: number): CursorContext {
  return doc.syntax === 'json' ? jsonCursor(doc.text, offset) : yamlCursor(doc.text, offset);
}

function jsonCursor(text: string, offset: number): CursorContext {
  const loc = getLocation(text, offset);
  const word = wordAt(text, offset, /["\w.-]/);
  if (loc.isAtPropertyKey) return { path: loc.path.slice(0, -1), mode: 'key', span: word };
  return { path: loc.path, mode: 'value', span: word };
}

/** YAML: the line being typed, and its parents found by walking up to less-indented `key:` lines. */
function yamlCursor(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const indent = /^[ -]*/.exec(before)![0].length;
  const path = parentPath(text, lineStart, indent);
  const keyValue = /^([ -]*)([\w.-]+)\s*:\s*(.*)$/.exec(before);
  if (keyValue) {
    const word = wordAt(text, offset, /[\w./-]/);
    return { path: [...path, keyValue[2]], mode: 'value', span: word };
  }
  return { path, mode: 'key', span: wordAt(text, offset, /[\w.-]/) };
}

function parentPath(text: string, lineStart: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  let end = lineStart - 1;
  while (end > 0 && limit > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const lineIndent = /^[ -]*/.exec(line)![0].length;
    if (lineIndent >= limit) continue;
    const m = /^[ -]*([\w.-]+)\s*:\s*(#.*)?$/.exec(line);
    if (m) path.unshift(m[1]);
    limit = lineIndent;
  }
  return path;
}

function wordAt(text: string, offset: number, char: RegExp): Span {
  let start = offset;
  while (start > 0 && char.test(text[start - 1]) && text[start - 1] !== '"') start--;
  let end = offset;
  while (end < text.length && char.test(text[end]) && text[end] !== '"') end++;
  return { start, end };
}
