/**
 * JSON Schema validation of a parsed document with ajv, mapped back to exact spans in the text.
 * ajv validates the plain value of the tree; each error's instance path is walked in the tree to
 * find the key or value to underline, and its keyword decides the stable issue code (schemaIssue.ts).
 */
import type { ErrorObject } from 'ajv';
import type { Entry, Node } from '../parse/tree';
import { findEntry, toValue } from '../parse/tree';
import type { Issue } from '../types';
import { schemaErrors } from './schemaErrors';
import type { Target } from './schemaIssue';
import { schemaIssue } from './schemaIssue';
import { unreadBecause } from './readWhen';
import type { JsonSchema } from './types';
import type { ValidationOptions } from './validationOptions';

const MAX_SCHEMA_ISSUES = 1000;

export function validateAgainstSchema(root: Node | null, schema: JsonSchema, options: ValidationOptions): Issue[] {
  if (!root) return [];
  const errors = pruneAlternatives(schemaErrors(toValue(root), schema));
  if (errors.length === 0) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    // Past this many, more schema issues only slow the editor down (check() says how many were cut).
    if (issues.length >= MAX_SCHEMA_ISSUES) break;
    const target = walk(root, err.instancePath);
    const found = target ? schemaIssue(err, target, root, schema, options) : undefined;
    if (!found) continue;
    const issue = unreadKeyIssue(found, root, schema, err.instancePath, options.tool);
    const id = `${issue.code}@${issue.span.start}:${issue.span.end}`;
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(issue);
    }
  }
  // A value of the wrong type also fails the enum of its key; the type issue already says it all.
  return issues.filter((i) => i.code !== 'schema/invalid-value' || !seen.has(`schema/wrong-type@${i.span.start}:${i.span.end}`));
}

const VALUE_CODES = new Set(['schema/wrong-type', 'schema/out-of-range', 'schema/invalid-value']);

/** A value problem on a key this run never reads, as a hint that says why it does not matter. */
function unreadKeyIssue(issue: Issue, root: Node, schema: JsonSchema, instancePath: string, tool: string): Issue {
  if (!VALUE_CODES.has(issue.code) || instancePath === '') return issue;
  const key = instancePath.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~');
  const because = unreadBecause(root, schema, key);
  if (!because) return issue;
  return { ...issue, severity: 'hint', message: `${issue.message} ${tool} never reads \`${key}\` with ${because}, so it does not affect this run.` };
}

/**
 * ajv reports every failing branch of an anyOf/oneOf. When one branch fails only deeper inside the
 * value, the value had the right shape for it: keep that branch's errors. Otherwise keep one error
 * for the alternatives as a whole.
 */
function pruneAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const groups = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const group of groups) {
    if (dropped.has(group)) continue;
    const prefix = `${group.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const deeperOnly = [...branches.values()]
      .filter((errs) => errs.every((e) => e.instancePath.length > group.instancePath.length))
      .sort((a, b) => a.length - b.length);
    const keep = deeperOnly[0];
    for (const errs of branches.values()) for (const e of errs) if (errs !== keep) dropped.add(e);
    if (keep) dropped.add(group);
  }
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}

/** The node an instance path (`/a/0/b`) names, with the entry holding it; undefined when the tree lacks it. */
function walk(root: Node, instancePath: string): Target | undefined {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Node | null = root;
  let entry: Entry | undefined;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.kind === 'map') {
      const e = findEntry(node, seg);
      if (!e) return undefined;
      entry = e;
      node = e.value;
    } else if (node.kind === 'seq') {
      node = node.items[Number(seg)] ?? null;
    } else return undefined;
  }
  return { node, entry };
}
