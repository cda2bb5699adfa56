/**
 * Where the cursor is for completion: the path of the mapping whose keys are being typed, or of the
 * value being typed, the word it replaces, and the keys already present there. YAML is read from
 * indentation (the line being typed rarely parses); JSON with jsonc-parser's tolerant scanner.
 */
import { getLocation } from 'jsonc-parser';
import type { ConfigDoc } from '../document';
import type { Path } from '../parse/tree';
import { getNode, keyText } from '../parse/tree';
import type { Span } from '../types';
import { keysAt, lineAt, scanYaml } from './yamlLines';

export interface CursorContext {
  /** Key mode: the path of the mapping. Value mode: the path of the value (an index for list items). */
  path: Path;
  mode: 'key' | 'value';
  /** The text the completion replaces. */
  span: Span;
  /** Key mode inside a list item (`- na|`): the word may also be a scalar item of the list at `path`. */
  itemValue?: boolean;
  /** Keys present in the mapping (key mode), so completion does not offer them again. */
  present: Set<string>;
  /** Column of the key being typed (YAML), for indenting nested snippets. */
  column: number;
  /** JSON: the completion sits inside quotes already typed; `needsComma`: another property follows. */
  quoted?: boolean;
  needsComma?: boolean;
  /** YAML value inside a flow sequence `[a, b|]`: items are separated by commas, not `- `. */
  flow?: boolean;
}

export function cursorContext(doc: ConfigDoc, offset: number): CursorContext | null {
  return doc.syntax === 'json' ? jsonCursor(doc, offset) : yamlCursor(doc.text, offset);
}

function yamlCursor(text: string, offset: number): CursorContext | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return null;
  const scan = scanYaml(text, lineStart);
  if (scan.blockScalarCol >= 0 && (before.trim() === '' || /^ */.exec(before)![0].length > scan.blockScalarCol)) return null;
  const line = lineAt(scan, before);
  const word = wordAt(text, offset, /[\w./-]/);
  const all = scanYaml(text).lines;
  if (line.key === undefined) {
    const present = keysAt(all, line.parent, lineStart);
    const itemValue = typeof line.parent[line.parent.length - 1] === 'number' && !/:/.test(before.slice(line.col));
    return { path: line.parent, mode: 'key', span: word, present, column: line.col, itemValue };
  }
  const path = [...line.parent, line.key];
  const value = line.value ?? '';
  const flow = /^\[([^\]]*)$/.exec(value);
  if (flow) return { path: [...path, flow[1].split(',').length - 1], mode: 'value', span: wordAt(text, offset, /[\w./-]/), present: new Set(), column: line.col, flow: true };
  if (/^[[{]/.test(value) && !flow) return null;
  return { path, mode: 'value', span: word, present: new Set(), column: line.col };
}

function jsonCursor(doc: ConfigDoc, offset: number): CursorContext | null {
  const text = doc.text;
  const loc = getLocation(text, offset);
  let span = wordAt(text, offset, /[\w.\-/]/);
  const quoted = text[span.start - 1] === '"';
  if (quoted) span = { start: span.start - 1, end: text[span.end] === '"' ? span.end + 1 : span.end };
  if (loc.isAtPropertyKey) {
    const path = loc.path.slice(0, -1);
    const map = getNode(doc.root, path);
    const present = new Set<string>();
    if (map?.kind === 'map') for (const e of map.entries) if (e.key.span.start !== span.start && e.key.span.start !== span.start + 1) present.add(keyText(e));
    const needsComma = /^\s*"/.test(text.slice(span.end));
    return { path, mode: 'key', span, present, column: 0, quoted, needsComma };
  }
  if (loc.previousNode && loc.previousNode.type !== 'string' && loc.previousNode.type !== 'number' && loc.previousNode.type !== 'boolean' && loc.previousNode.type !== 'null') return null;
  return { path: loc.path, mode: 'value', span, present: new Set(), column: 0, quoted };
}

export function wordAt(text: string, offset: number, char: RegExp): Span {
  let start = offset;
  while (start > 0 && char.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && char.test(text[end])) end++;
  return { start, end };
}
