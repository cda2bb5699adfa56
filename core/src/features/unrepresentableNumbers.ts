/**
 * Counts (ranks, batch sizes, sequence lengths, accumulation steps: every key the schema types as an
 * integer) written as `.inf`, `1e999` in JSON, or with so many digits that no count is that large.
 * The YAML and JSON loaders turn these into infinity, which JSON Schema's integer check lets through
 * and every estimate reader refuses, so without this check the estimate would silently use the
 * default. The tools fail on them (pydantic and argparse reject inf for an int; PEFT cannot build
 * a rank-inf matrix), so each is an error at the value.
 */
import type { Node, Path } from '../parse/tree';
import { keyText } from '../parse/tree';
import { alternatives, schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Issue } from '../types';

export function unrepresentableNumbers(root: Node | null, schema: JsonSchema, tool: string): Issue[] {
  const issues: Issue[] = [];
  const visit = (node: Node | null, path: Path) => {
    if (!node) return;
    if (node.kind === 'map') for (const e of node.entries) visit(e.value, [...path, keyText(e)]);
    else if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, [...path, i]));
    else if (typeof node.value === 'number' && !Number.isSafeInteger(node.value) && (!Number.isFinite(node.value) || Number.isInteger(node.value)) && expectsInteger(schema, path)) {
      const what = /^[-+]?\.inf$/i.test(node.raw) ? 'infinite' : 'too large to be any count';
      const key = String(path[path.length - 1]);
      issues.push({
        code: 'value/unrepresentable-number',
        severity: 'error',
        message: `\`${key}\` is ${what} (${node.raw.length > 24 ? `${node.raw.slice(0, 20)}…` : node.raw}); ${tool} needs a whole number here and fails on it. Write the count itself.`,
        span: node.span,
      });
    }
  };
  visit(root, []);
  return issues;
}

function expectsInteger(root: JsonSchema, path: Path): boolean {
  return schemasAt(root, path).some((s) => alternatives(root, s).some((alt) => alt.type === 'integer' || (Array.isArray(alt.type) && alt.type.includes('integer'))));
}
