/** Diagnostics for a document: syntax, schema and the format's cross-field rules, in text order. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import type { Node } from '../parse/tree';
import { keyText, toValue } from '../parse/tree';
import type { TrainingPlan } from '../plan';
import { checkAgainstModel } from '../rules/model/modelChecks';
import { runRules } from '../rules/rule';
import { versionRule } from '../rules/versions';
import { validateAgainstSchema } from '../schema/validate';
import type { Settings } from '../settings';
import type { Issue, Span } from '../types';
import { stackFor } from '../versions/stackFor';
import { multiGpuIssues } from './multiGpu';
import { planOf } from './planOf';
import { withGenericFixes } from './quickFixes';
import { unrepresentableNumbers } from './unrepresentableNumbers';

export async function check(doc: ConfigDoc, ctx: Context): Promise<Issue[]> {
  if (doc.skipped) return applySeverityOverrides([doc.skipped], ctx.settings);
  if (!doc.format) return [];
  const format = FORMATS[doc.format];
  const issues: Issue[] = doc.syntaxIssues.map((i) => withFormatPolicy(i, doc));
  const schema = format.schema(doc);
  const schemaIssues = schema ? [...validateAgainstSchema(doc.root, schema, format.validation), ...unrepresentableNumbers(doc.root, schema, format.validation.tool)] : [];
  if (doc.root?.kind === 'map') {
    const config = toValue(doc.root) as Record<string, unknown>;
    const { plan, deepspeed } = await planOf(doc, ctx);
    const resolution = await resolveModelFor(plan, doc, ctx);
    const ruleCtx = { doc, root: doc.root, config, model: resolution?.architecture, stack: await stackFor(doc, ctx) };
    const versioned = runRules([versionRule], ruleCtx);
    // A key whose history is known is judged on the file's stack, not by the schema's one deprecation flag.
    const judged = new Set(versioned.map((i) => i.span.start));
    // `lora_r:32` is already reported as a missing space; "unknown key `lora_r:32`" would be the same mistake twice.
    const glued = doc.syntaxIssues.filter((i) => i.code === 'syntax/missing-space-after-colon').map((i) => i.span.start);
    const sameMistake = (i: Issue) => i.code === 'schema/unknown-key' && glued.includes(i.span.start);
    issues.push(...schemaIssues.filter((i) => (i.code !== 'schema/deprecated-key' || !judged.has(i.span.start)) && !sameMistake(i)));
    issues.push(...versioned, ...runRules(format.rules, ruleCtx));
    issues.push(...checkAgainstModel(doc, plan, resolution, issues));
    issues.push(...multiGpuIssues(doc, plan, deepspeed, ctx.settings, ctx.host.workspaceFolders));
  } else issues.push(...schemaIssues);
  const sorted = applySeverityOverrides(issues, ctx.settings).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return withGenericFixes(doc, capped(sorted));
}

async function resolveModelFor(plan: TrainingPlan, doc: ConfigDoc, ctx: Context) {
  const ref = plan.model?.value;
  return ref && ctx.models ? ctx.models.resolve(ref, doc.path) : undefined;
}

/** User overrides by code: a new severity, or 'off' to drop the issue. */
export function applySeverityOverrides(issues: Issue[], settings: Settings): Issue[] {
  const overrides = settings.severityOverrides;
  if (Object.keys(overrides).length === 0) return issues;
  const out: Issue[] = [];
  for (const issue of issues) {
    const o = overrides[issue.code];
    if (o === 'off') continue;
    out.push(o ? { ...issue, severity: o } : issue);
  }
  return out;
}

/**
 * A repeated key means what the format's loader makes of it (see FormatModule.duplicateKeys). The
 * parser marks the copy a keep-the-last loader drops; a loader that refuses the file reports the
 * repeated copy, so the issue moves there.
 */
function withFormatPolicy(issue: Issue, doc: ConfigDoc): Issue {
  const policy = doc.format ? FORMATS[doc.format].duplicateKeys : undefined;
  if (!policy || issue.code !== 'syntax/duplicate-key') return issue;
  const span = (doc.root && laterCopy(doc.root, issue.span, 0)) ?? issue.span;
  return { ...issue, span, severity: policy.severity, message: policy.message(doc.text.slice(span.start, span.end)) };
}

/** The key span of the next copy of the key at `span`, in the mapping that holds it. */
function laterCopy(node: Node, span: Span, depth: number): Span | undefined {
  if (depth > 64 || span.start < node.span.start || span.start > node.span.end) return undefined;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const found = laterCopy(item, span, depth + 1);
      if (found) return found;
    }
  }
  if (node.kind !== 'map') return undefined;
  const at = node.entries.findIndex((e) => e.key.span.start === span.start && e.key.span.end === span.end);
  if (at >= 0) return node.entries.slice(at + 1).find((e) => keyText(e) === keyText(node.entries[at]))?.key.span;
  for (const e of node.entries) {
    const found = e.value ? laterCopy(e.value, span, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A file with thousands of problems is not a config being edited: show the first ones and say so. */
const MAX_ISSUES = 1000;
const RANK = { error: 0, warning: 1, info: 2, hint: 3 };
function capped(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  // Keep the most severe first, then restore text order.
  const kept = [...issues].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.span.start - b.span.start).slice(0, MAX_ISSUES);
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const cut: Issue = {
    code: 'file/too-many-issues',
    severity: 'info',
    message: `${issues.length - MAX_ISSUES} more issues are not shown: only the first ${MAX_ISSUES} are reported for one file.`,
    span: { start: 0, end: 0 },
  };
  return [cut, ...kept];
}
