/**
 * YAML front end: `yaml` (eemeli) in YAML 1.1 mode, because every tool we model reads its config with
 * PyYAML (`yes`/`on` are booleans, `010` is octal). Converts to the shared tree; never throws.
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar as YamlScalar } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Issue, Span } from '../types';
import type { Entry, Node, ScalarNode } from './tree';
import type { ParseResult } from './parse';

// PyYAML's float resolver needs a dot and a signed exponent: `1e-4` and `5e5` stay strings there.
const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PYYAML_INT = /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

export function parseYaml(text: string): ParseResult {
  // The yaml package's own uniqueKeys check compares each key with all before it (quadratic in a
  // mapping's size); the converter finds duplicates with a set instead.
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: false, strict: false });
  const issues: Issue[] = doc.errors.map((err) => ({
    code: 'syntax/invalid-yaml',
    severity: 'error',
    message: `YAML syntax error: ${firstLine(err.message)}`,
    span: widen({ start: err.pos[0], end: err.pos[1] }, text.length),
  }));
  const root = new Converter(doc, issues).node(doc.contents as YamlNode | null);
  issues.sort((a, b) => a.span.start - b.span.start);
  return { root, issues };
}

class Converter {
  private readonly memo = new Map<YamlNode, Node | null>();
  constructor(private readonly doc: Document, private readonly issues: Issue[]) {}

  node(n: YamlNode | null | undefined): Node | null {
    if (!n) return null;
    if (isAlias(n)) return this.alias(n);
    const seen = this.memo.get(n);
    if (seen !== undefined) return seen;
    // Mark before descending so a self-referencing alias ends instead of recursing forever.
    this.memo.set(n, null);
    const out = this.convert(n);
    this.memo.set(n, out);
    return out;
  }

  private alias(a: Alias): Node | null {
    const target = a.resolve(this.doc) as YamlNode | undefined;
    return target ? this.node(target) : null;
  }

  private convert(n: YamlNode): Node | null {
    const span = rangeSpan(n.range);
    if (isScalar(n)) return scalarNode(n, span);
    if (isSeq(n)) {
      const items: Node[] = [];
      for (const item of n.items) {
        const c = this.node(item as YamlNode);
        if (c) items.push(c);
      }
      return { kind: 'seq', items, span };
    }
    if (isMap(n)) {
      const explicit: Entry[] = [];
      const merged: Entry[] = [];
      const seen = new Set<string>();
      for (const pair of n.items as Pair[]) {
        const entry = this.pair(pair);
        if (!entry) continue;
        if (entry.key.value === '<<' && !entry.key.quoted) {
          merged.push(...mergeSources(entry.value));
          continue;
        }
        const key = String(entry.key.value);
        if (seen.has(key)) this.issues.push(duplicateKey(entry.key.span));
        seen.add(key);
        explicit.push(entry);
      }
      // Merged keys come first so explicit keys win (last one counts), as in PyYAML.
      return { kind: 'map', entries: [...merged, ...explicit], span };
    }
    return null;
  }

  private pair(pair: Pair): Entry | null {
    const rawKey = pair.key as YamlNode | null;
    let key: ScalarNode | null = null;
    if (rawKey && isScalar(rawKey)) key = scalarNode(rawKey, rangeSpan(rawKey.range));
    else if (rawKey && rawKey.range) {
      // A complex key ([a, b]: 1) is legal YAML but never a config key; keep its text.
      const span = rangeSpan(rawKey.range);
      key = { kind: 'scalar', value: String(rawKey), raw: String(rawKey), quoted: false, span };
    }
    if (!key) return null;
    const value = this.node(pair.value as YamlNode | null);
    const end = value ? Math.max(value.span.end, key.span.end) : key.span.end;
    return { key, value, span: { start: key.span.start, end } };
  }
}

function duplicateKey(span: Span): Issue {
  return {
    code: 'syntax/duplicate-key',
    severity: 'warning',
    message: 'Duplicate key: the YAML loader keeps only the last value, so this one is silently dropped.',
    span,
  };
}

function mergeSources(value: Node | null): Entry[] {
  if (!value) return [];
  if (value.kind === 'map') return value.entries;
  if (value.kind === 'seq') return value.items.flatMap((item) => (item.kind === 'map' ? item.entries : []));
  return [];
}

export function scalarNode(n: YamlScalar, span: Span): ScalarNode {
  const raw = n.source !== undefined ? String(n.source) : String(n.value ?? '');
  const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
  let value = n.value as unknown;
  if (!quoted && typeof value === 'number' && !PYYAML_INT.test(raw) && !PYYAML_FLOAT.test(raw)) {
    // The yaml package resolves `1e-4` as a float; PyYAML keeps it a string. Follow PyYAML.
    value = raw;
  }
  if (typeof value === 'bigint') value = Number(value);
  // The merge key `<<` resolves to a symbol in the yaml package; the tree keeps its text.
  if (typeof value === 'symbol') value = raw;
  if (value !== null && typeof value === 'object') value = String(value);
  if (value === undefined) value = null;
  return { kind: 'scalar', value: value as ScalarNode['value'], raw, quoted, span };
}

function rangeSpan(range: [number, number, number] | null | undefined): Span {
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Error spans are clamped to the text (parsers may point one past the end) and zero-width ones get
 * one character, so every editor can show them.
 */
export function widen(raw: Span, length: number): Span {
  const start = Math.max(0, Math.min(raw.start, length));
  const span = { start, end: Math.max(start, Math.min(raw.end, length)) };
  if (span.end > span.start) return span;
  if (span.start < length) return { start: span.start, end: span.start + 1 };
  return span.start > 0 ? { start: span.start - 1, end: span.start } : span;
}
