/**
 * JSON front end: strict JSON as Python's `json.load` reads it (no comments, no trailing commas),
 * through jsonc-parser, which never throws and reports errors with offsets.
 */
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Issue } from '../types';
import type { Entry, Node, ScalarNode } from './tree';
import { keyText } from './tree';
import type { ParseResult } from './parse';
import { widen } from './yaml';

export function parseJson(text: string): ParseResult {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  // jsonc-parser often reports one mistake twice at one offset (PropertyNameExpected, ValueExpected): keep the first.
  const firstAtOffset = errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
  const issues: Issue[] = firstAtOffset.map((e) => ({
    code: 'syntax/invalid-json',
    severity: 'error',
    message: `JSON syntax error: ${describe(printParseErrorCode(e.error))}`,
    span: widen({ start: e.offset, end: e.offset + e.length }, text.length),
  }));
  const root = tree ? convert(tree, issues, text) : null;
  return { root, issues };
}

function convert(n: JsonNode, issues: Issue[], text: string): Node | null {
  const span = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case 'object': {
      const entries: Entry[] = [];
      // Python's json.load (PEFT 0.21's PeftConfig.from_json_file) keeps the last copy: the earlier one is dropped.
      const seen = new Map<string, Entry>();
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const key = scalar(k, text);
        const value = v ? convert(v, issues, text) : null;
        const entry: Entry = { key, value, span: { start: prop.offset, end: prop.offset + prop.length } };
        const earlier = seen.get(keyText(entry));
        if (earlier) {
          issues.push({
            code: 'syntax/duplicate-key',
            severity: 'warning',
            message: `Duplicate key: \`${keyText(entry)}\` is set again further down in this object, and json.load keeps only the last value, so this one is ignored.`,
            span: earlier.key.span,
          });
        }
        seen.set(keyText(entry), entry);
        entries.push(entry);
      }
      return { kind: 'map', entries, span };
    }
    case 'array': {
      const items: Node[] = [];
      for (const c of n.children ?? []) {
        const item = convert(c, issues, text);
        if (item) items.push(item);
      }
      return { kind: 'seq', items, span };
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return scalar(n, text);
    default:
      return null;
  }
}

/** `raw` is the source text, except for strings, where it is the decoded value (escapes resolved). */
function scalar(n: JsonNode, text: string): ScalarNode {
  const quoted = n.type === 'string';
  const span = quoted ? { start: n.offset + 1, end: n.offset + n.length - 1 } : { start: n.offset, end: n.offset + n.length };
  const value = (n.value ?? null) as ScalarNode['value'];
  const raw = quoted ? String(n.value) : text.slice(n.offset, n.offset + n.length);
  return { kind: 'scalar', value, raw, quoted, span: span.end < span.start ? { ...span, end: span.start } : span };
}

function describe(code: string): string {
  // jsonc-parser's codes are identifiers (CommaExpected); make them read as a sentence.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
