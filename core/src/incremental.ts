/**
 * Typing a value in a big file should not cost a full parse. When an edit only rewrites one plain
 * value scalar (a number, a word, a path) and stays a plain scalar, the previous tree is reused: the
 * scalar is re-read with the same YAML 1.1 / JSON rules and every later span shifts by the edit's
 * length. Anything else (keys, structure, quotes, comments, a file with syntax errors) is parsed
 * afresh. A property test checks the result equals a full parse.
 */
import { isScalar, parseDocument } from 'yaml';
import type { Scalar as YamlScalar } from 'yaml';
import { detectFormat } from './detect';
import type { ConfigDoc } from './document';
import { openDocument } from './document';
import type { Node, ScalarNode } from './parse/tree';
import { locate } from './parse/tree';
import { scalarNode } from './parse/yaml';
import type { Settings } from './settings';
import type { Span, TextEdit } from './types';

/** Characters a plain scalar may hold here without ever changing the structure around it. */
const SAFE_PLAIN = /^(?![-?:](?:\s|$))[A-Za-z0-9_.+\-/]+$/;
const SAFE_JSON_STRING = /^[^"\\\u0000-\u001f]*$/;

/** The document after `edit`, reusing `prev`'s parse when the edit allows it. */
export function updateDocument(prev: ConfigDoc, edit: TextEdit | undefined, text: string, settings: Settings, languageId?: string): ConfigDoc {
  return (edit && patchScalar(prev, edit, text, settings)) || openDocument(prev.path, text, settings, languageId);
}

export function patchScalar(prev: ConfigDoc, edit: TextEdit, text: string, settings: Settings): ConfigDoc | undefined {
  if (!prev.root || prev.skipped || prev.syntaxIssues.length > 0 || text.length > settings.maxFileBytes) return undefined;
  const loc = locate(prev.root, edit.span.start);
  const old = loc.node;
  if (!old || old.kind !== 'scalar' || loc.onKey || edit.span.start < old.span.start || edit.span.end > old.span.end) return undefined;
  const delta = edit.newText.length - (edit.span.end - edit.span.start);
  const raw = text.slice(old.span.start, old.span.end + delta);
  const replacement = prev.syntax === 'json' ? jsonScalar(old, raw) : yamlScalar(old, raw);
  if (!replacement) return undefined;
  const root = shift(prev.root, old, { ...replacement, span: { start: old.span.start, end: old.span.end + delta } }, delta);
  const detection = detectFormat(prev.path, text, root, settings);
  return { ...prev, text, root, format: detection.format, formatSource: detection.source };
}

function yamlScalar(old: ScalarNode, raw: string): Omit<ScalarNode, 'span'> | undefined {
  if (old.quoted || !SAFE_PLAIN.test(old.raw) || !SAFE_PLAIN.test(raw)) return undefined;
  const contents = parseDocument(raw, { version: '1.1' }).contents;
  if (!contents || !isScalar(contents) || contents.type !== 'PLAIN') return undefined;
  return scalarNode(contents as YamlScalar, { start: 0, end: raw.length });
}

function jsonScalar(old: ScalarNode, raw: string): Omit<ScalarNode, 'span'> | undefined {
  if (old.quoted) return SAFE_JSON_STRING.test(raw) ? { kind: 'scalar', value: raw, raw, quoted: true } : undefined;
  if (typeof old.value !== 'number' || !/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(raw)) return undefined;
  return { kind: 'scalar', value: Number(raw), raw, quoted: false };
}

/**
 * A copy of the tree with `target` replaced and spans moved: spans after the edit shift, spans that
 * enclose it grow. Shared sub-trees (YAML aliases) stay shared in the copy.
 */
function shift(root: Node, target: ScalarNode, replacement: ScalarNode, delta: number): Node {
  const at = target.span.end;
  const move = (s: Span): Span => ({ start: s.start >= at ? s.start + delta : s.start, end: s.end >= at ? s.end + delta : s.end });
  const memo = new Map<Node, Node>();
  const copy = (n: Node): Node => {
    if (n === target) return replacement;
    const seen = memo.get(n);
    if (seen) return seen;
    let out: Node;
    if (n.kind === 'scalar') out = { ...n, span: move(n.span) };
    else if (n.kind === 'seq') out = { kind: 'seq', items: n.items.map(copy), span: move(n.span) };
    else {
      out = {
        kind: 'map',
        span: move(n.span),
        entries: n.entries.map((e) => ({ key: copy(e.key) as ScalarNode, value: e.value ? copy(e.value) : null, span: move(e.span) })),
      };
    }
    memo.set(n, out);
    return out;
  };
  return copy(root);
}
