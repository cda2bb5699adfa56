/**
 * OmegaConf, which LLaMA-Factory loads configs with, refuses a mapping that repeats a key (PyYAML would
 * keep the last value silently), so a duplicate stops LLaMA-Factory before it reads anything.
 */
import type { Node } from '../../parse/tree';
import { keyText } from '../../parse/tree';
import type { Issue } from '../../types';
import type { Rule } from '../rule';

export const duplicateKeys: Rule = {
  codes: { 'llamafactory/duplicate-key': 'A key repeated in one mapping, which OmegaConf refuses to load.' },
  check(ctx) {
    const issues: Issue[] = [];
    visit(ctx.root, issues, 0);
    return issues;
  },
};

function visit(node: Node | null, issues: Issue[], depth: number): void {
  if (!node || depth > 16) return;
  if (node.kind === 'seq') node.items.forEach((item) => visit(item, issues, depth + 1));
  if (node.kind !== 'map') return;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    const key = keyText(entry);
    if (seen.has(key)) {
      issues.push({
        code: 'llamafactory/duplicate-key',
        severity: 'error',
        message: `\`${key}\` appears twice in this mapping. LLaMA-Factory loads configs with OmegaConf, which stops with "found duplicate key" instead of keeping the last value. Remove one of them.`,
        span: entry.key.span,
      });
    }
    seen.add(key);
    visit(entry.value, issues, depth + 1);
  }
}
