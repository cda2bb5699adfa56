/**
 * YAML front end: `yaml` (eemeli) in YAML 1.1 mode, because every tool we model reads its config with
 * PyYAML (`yes`/`on` are booleans, `010` is octal). Converts to the shared tree; never throws.
 */
import { Alias, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar as YamlScalar, visit } from 'yaml';
import type { Document } from 'yaml';
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
  const issues: Issue[] = gluedColons(
    text,
    doc.errors.map((err) => ({
      code: 'syntax/invalid-yaml',
      severity: 'error',
      message: `YAML syntax error: ${firstLine(err.message)}`,
      span: widen({ start: err.pos[0], end: err.pos[1] }, text.length),
    })),
  );
  const root = new Converter(aliasTargets(doc), issues).node(doc.contents as YamlNode | null);
  issues.sort((a, b) => a.span.start - b.span.start);
  return { root, issues };
}

/**
 * `lora_r:32` is one plain scalar to YAML, since a key needs a colon *and a space*, and the parser
 * says "Implicit map keys need to be followed by map values" (or "... on a single line" when the next
 * line joins the scalar), which does not tell the user what to type. An error that starts at a line
 * whose only colon is glued to a value becomes one issue saying so, with the space as its fix.
 */
function gluedColons(text: string, issues: Issue[]): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<number>();
  for (const issue of issues) {
    const glued = gluedColonAt(text, issue.span.start);
    if (!glued) {
      out.push(issue);
      continue;
    }
    if (seen.has(glued.span.start)) continue;
    seen.add(glued.span.start);
    out.push(glued);
  }
  return out;
}

function gluedColonAt(text: string, offset: number): Issue | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline).replace(/\r$/, '');
  const m = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):([^\s:/#][^#]*?)\s*(?:\s#.*)?$/.exec(line);
  if (!m || lineStart + m[1].length !== offset || /:\s/.test(m[3])) return undefined;
  const [, indent, key, value] = m;
  const colon = lineStart + indent.length + key.length;
  return {
    code: 'syntax/missing-space-after-colon',
    severity: 'error',
    message: `\`${key}:${value}\` is one piece of text to YAML, not the key \`${key}\` with a value: add a space after the colon (\`${key}: ${value}\`).`,
    span: { start: offset, end: colon + 1 + value.length },
    fixes: [{ title: 'Add a space after the colon', edits: [{ span: { start: colon + 1, end: colon + 1 }, newText: ' ' }], preferred: true }],
  };
}

/**
 * Each alias's node, found in one pass in document order (an alias means the latest anchor of that
 * name before it). The yaml package's Alias.resolve searches the whole document for every alias,
 * which made a file with thousands of aliases take seconds per thousand.
 */
function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * How many nodes the tree may hold with every alias and merge counted where it is used. Shared
 * nodes are converted once, but every reader (schema validation, rules, hover) walks the tree as
 * the loader's dict is walked, use by use, so nested aliases (each anchor listing the previous two)
 * grow exponentially. Far above any real config (a few thousand nodes).
 */
const MAX_EXPANDED_NODES = 200_000;

class Converter {
  private readonly memo = new Map<YamlNode, Node | null>();
  /** Expanded size of each converted node: itself plus its children, aliases and merges counted per use. */
  private readonly sizes = new WeakMap<Node, number>();
  private cut = false;
  /** Entries copied into maps by merge keys, over the whole document. */
  private copied = 0;
  constructor(private readonly targets: Map<Alias, YamlNode>, private readonly issues: Issue[]) {}

  private sizeOf(node: Node | null): number {
    return node ? (this.sizes.get(node) ?? 1) : 1;
  }

  /** Whether a child of this size still fits under the budget; reports the first cut. */
  private fits(running: number, child: number, span: Span): boolean {
    if (running + child <= MAX_EXPANDED_NODES) return true;
    if (!this.cut) {
      this.cut = true;
      this.issues.push({
        code: 'syntax/alias-expansion',
        severity: 'error',
        message: `Aliases and merge keys here expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values, far beyond any config; the loader would build every use of them. Values past that point are not analysed.`,
        span,
      });
    }
    return false;
  }

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
    const target = this.targets.get(a);
    return target ? this.node(target) : null;
  }

  private convert(n: YamlNode): Node | null {
    const span = rangeSpan(n.range);
    if (isScalar(n)) return scalarNode(n, span);
    if (isSeq(n)) {
      const items: Node[] = [];
      let size = 1;
      for (const item of n.items) {
        const c = this.node(item as YamlNode);
        if (!c || !this.fits(size, this.sizeOf(c), c.span)) continue;
        size += this.sizeOf(c);
        items.push(c);
      }
      return this.sized({ kind: 'seq', items, span }, size);
    }
    if (isMap(n)) {
      const explicit: Entry[] = [];
      const merged: Entry[] = [];
      // The copy a key had before: PyYAML keeps the last one, so that earlier copy is the one dropped.
      const seen = new Map<string, Entry>();
      let size = 1;
      for (const pair of n.items as Pair[]) {
        const entry = this.pair(pair);
        if (!entry) continue;
        if (entry.key.value === '<<' && !entry.key.quoted) {
          const sources = mergeSources(entry.value);
          const entrySize = sources.reduce((sum, e) => sum + 1 + this.sizeOf(e.value), 0);
          // Merged entries are copied into each map, so the copies count against the budget too.
          if (!this.fits(size, entrySize, entry.span) || !this.fits(this.copied, sources.length, entry.span)) continue;
          size += entrySize;
          this.copied += sources.length;
          merged.push(...sources);
          continue;
        }
        if (!this.fits(size, 1 + this.sizeOf(entry.value), entry.span)) continue;
        size += 1 + this.sizeOf(entry.value);
        const key = String(entry.key.value);
        const earlier = seen.get(key);
        if (earlier) this.issues.push(duplicateKey(key, earlier.key.span));
        seen.set(key, entry);
        explicit.push(entry);
      }
      // Merged keys come first so explicit keys win (last one counts), as in PyYAML.
      return this.sized({ kind: 'map', entries: [...merged, ...explicit], span }, size);
    }
    return null;
  }

  private sized(node: Node, size: number): Node {
    this.sizes.set(node, size);
    return node;
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

// PyYAML's safe_load (what axolotl 0.18's load_cfg and TRL 1.9's TrlParser call) builds a mapping key by
// key, so a later copy overwrites an earlier one. Formats whose loader refuses instead say so in check.ts.
function duplicateKey(key: string, span: Span): Issue {
  return {
    code: 'syntax/duplicate-key',
    severity: 'warning',
    message: `Duplicate key: \`${key}\` is set again further down in this mapping, and PyYAML keeps only the last value, so this one is ignored.`,
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
