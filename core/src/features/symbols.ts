/**
 * The outline of a config (document symbols: the Outline view, breadcrumbs, Go to Symbol): every key with
 * its value's kind and a short preview, nested as written. Sequence items are named by the key that
 * identifies them where there is one (a dataset's `path`, a torchtune `_component_`), so a list of five
 * datasets reads as their names rather than `[0]` to `[4]`.
 */
import type { ConfigDoc } from '../document';
import type { Entry, Node } from '../parse/tree';
import { findEntry, keyText } from '../parse/tree';
import type { Span } from '../types';

export type SymbolKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface DocSymbol {
  name: string;
  /** The value in brief: a scalar's text, or how many keys or items it holds. */
  detail: string;
  kind: SymbolKind;
  /** The whole entry or item. */
  span: Span;
  /** What the editor highlights and reveals: the key, or the item itself. */
  selectionSpan: Span;
  children: DocSymbol[];
}

/** Keys whose value names a sequence item, most telling first. */
const ITEM_NAMES = ['name', 'path', '_component_', 'type', 'source'];
const PREVIEW = 48;
/** The outline stops here: deeper values still show in their parent's detail. */
const MAX_DEPTH = 32;

export function documentSymbols(doc: ConfigDoc): DocSymbol[] {
  if (!doc.format || !doc.root || doc.skipped) return [];
  return childrenOf(doc.root, 0);
}

function childrenOf(node: Node | null, depth: number): DocSymbol[] {
  if (!node || depth >= MAX_DEPTH) return [];
  if (node.kind === 'map') return node.entries.map((e) => entrySymbol(e, depth));
  if (node.kind === 'seq') return node.items.map((item, i) => itemSymbol(item, i, depth));
  return [];
}

function entrySymbol(entry: Entry, depth: number): DocSymbol {
  return {
    name: keyText(entry) || '""',
    detail: detailOf(entry.value),
    kind: kindOf(entry.value),
    span: entry.span,
    selectionSpan: entry.key.span,
    children: childrenOf(entry.value, depth + 1),
  };
}

function itemSymbol(item: Node, index: number, depth: number): DocSymbol {
  return {
    name: itemName(item) ?? `[${index}]`,
    detail: item.kind === 'scalar' ? '' : detailOf(item),
    kind: kindOf(item),
    span: item.span,
    selectionSpan: item.span,
    children: childrenOf(item, depth + 1),
  };
}

function itemName(item: Node): string | undefined {
  if (item.kind === 'scalar') return preview(item.value);
  if (item.kind !== 'map') return undefined;
  for (const key of ITEM_NAMES) {
    const value = findEntry(item, key)?.value;
    if (value?.kind === 'scalar' && value.value !== null && value.value !== '') return preview(value.value);
  }
  return undefined;
}

function kindOf(node: Node | null): SymbolKind {
  if (!node) return 'null';
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  const v = node.value;
  return v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean';
}

function detailOf(node: Node | null): string {
  if (!node) return '';
  if (node.kind === 'map') return plural(node.entries.length, 'key');
  if (node.kind === 'seq') return plural(node.items.length, 'item');
  return preview(node.value);
}

function preview(value: string | number | boolean | null): string {
  const text = String(value);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
