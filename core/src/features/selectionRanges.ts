/**
 * Expand Selection (selection ranges): from the cursor outwards, the scalar under it, the whole entry
 * (`key: value`), the mapping or list holding it, its parent entry, and so on up to the document, so
 * Shift+Alt+→ grows the selection by one level of the config's structure at a time.
 */
import type { ConfigDoc } from '../document';
import type { Node } from '../parse/tree';
import type { Span } from '../types';

/** For each offset, spans from the innermost outwards, each containing the previous one. */
export function selectionRanges(doc: ConfigDoc, offsets: number[]): Span[][] {
  return offsets.map((offset) => chainAt(doc, offset));
}

function chainAt(doc: ConfigDoc, offset: number): Span[] {
  const outwards: Span[] = [{ start: 0, end: doc.text.length }];
  let node: Node | null = doc.root;
  while (node && contains(node.span, offset)) {
    outwards.push(node.span);
    node = stepInto(node, offset, outwards);
  }
  return dedupe(outwards.reverse());
}

/** Pushes the entry or item around `offset` and returns the node to descend into. */
function stepInto(node: Node, offset: number, outwards: Span[]): Node | null {
  if (node.kind === 'map') {
    const entry = node.entries.find((e) => contains(e.span, offset));
    if (!entry) return null;
    outwards.push(entry.span);
    if (contains(entry.key.span, offset)) {
      outwards.push(entry.key.span);
      return null;
    }
    return entry.value;
  }
  if (node.kind === 'seq') return node.items.find((item) => contains(item.span, offset)) ?? null;
  return null;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Innermost first, each strictly larger than the one before (LSP wants a proper chain). */
function dedupe(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start === last.start && s.end === last.end) continue;
    if (last && (s.start > last.start || s.end < last.end)) continue;
    out.push(s);
  }
  return out;
}
