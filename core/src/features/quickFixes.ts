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
  let keys: Map<string, { map: MapNode; entry: Entry }> | undefined;
  return issues.map((issue) => {
    if (!REMOVABLE.test(issue.code) || issue.fixes?.some((f) => f.title.startsWith('Remove'))) return issue;
    keys ??= keyIndex(doc.root!);
    const found = keys.get(`${issue.span.start}:${issue.span.end}`);
    if (!found) return issue;
    const fix = { title: `Remove \`${keyText(found.entry)}\``, edits: [removeEntryEdit(doc, found.map, found.entry)] };
    return { ...issue, fixes: [...(issue.fixes ?? []), fix] };
  });
}

/** Every key of the tree by its span, built in one walk (a lookup per issue would be quadratic). */
function keyIndex(root: Node): Map<string, { map: MapNode; entry: Entry }> {
  const index = new Map<string, { map: MapNode; entry: Entry }>();
  const seen = new Set<Node>();
  const visit = (node: Node | null) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        index.set(`${entry.key.span.start}:${entry.key.span.end}`, { map: node, entry });
        visit(entry.value);
      }
    } else if (node.kind === 'seq') node.items.forEach(visit);
  };
  visit(root);
  return index;
}
