/**
 * Generic quick fixes: an issue about a key the tool ignores, refuses or replaces (unknown,
 * deprecated, conflicting, redundant ...) gets "Remove `key`" when its rule offered no removal itself.
 * Rules keep their own, more specific fixes (rename, companion keys) first.
 */
import type { ConfigDoc } from '../document';
import { removeEntryEdit } from '../edits';
import type { Entry, MapNode, Node } from '../parse/tree';
import { keyText } from '../parse/tree';
import type { Issue } from '../types';

/** Codes whose name says the key is unwanted where it is. */
// (Not duplicate keys: the loader keeps the last one, so which one to delete is the user's call.)
const REMOVABLE = /(unknown-key|deprecated|conflict|ignored|unused|redundant|no-effect|exclusive)/;

export function withGenericFixes(doc: ConfigDoc, issues: Issue[]): Issue[] {
  if (!doc.root) return issues;
  return issues.map((issue) => {
    if (!REMOVABLE.test(issue.code) || issue.fixes?.some((f) => f.title.startsWith('Remove'))) return issue;
    const found = entryWithKeyAt(doc.root!, issue.span.start, issue.span.end);
    if (!found) return issue;
    const fix = { title: `Remove \`${keyText(found.entry)}\``, edits: [removeEntryEdit(doc, found.map, found.entry)] };
    return { ...issue, fixes: [...(issue.fixes ?? []), fix] };
  });
}

/** The entry whose key spans exactly [start, end), with its mapping. */
function entryWithKeyAt(node: Node, start: number, end: number): { map: MapNode; entry: Entry } | undefined {
  if (start < node.span.start || start > node.span.end) return undefined;
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      if (entry.key.span.start === start && entry.key.span.end === end) return { map: node, entry };
      const inner = entry.value && entryWithKeyAt(entry.value, start, end);
      if (inner) return inner;
    }
  }
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const inner = entryWithKeyAt(item, start, end);
      if (inner) return inner;
    }
  }
  return undefined;
}
