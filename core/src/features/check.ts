/** Diagnostics for a document: syntax, schema and the format's cross-field rules, in text order. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import { toValue } from '../parse/tree';
import { runRules } from '../rules/rule';
import { validateAgainstSchema } from '../schema/validate';
import type { Settings } from '../settings';
import type { Issue } from '../types';
import { withGenericFixes } from './quickFixes';

export async function check(doc: ConfigDoc, ctx: Context): Promise<Issue[]> {
  if (doc.skipped) return applySeverityOverrides([doc.skipped], ctx.settings);
  if (!doc.format) return [];
  const format = FORMATS[doc.format];
  const issues: Issue[] = [...doc.syntaxIssues];
  const schema = format.schema(doc);
  if (schema) issues.push(...validateAgainstSchema(doc.root, schema, format.validation));
  if (doc.root?.kind === 'map') {
    const config = toValue(doc.root) as Record<string, unknown>;
    const model = await resolveModelFor(doc, ctx);
    issues.push(...runRules(format.rules, { doc, root: doc.root, config, model }));
  }
  return applySeverityOverrides(withGenericFixes(doc, issues), ctx.settings).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

async function resolveModelFor(doc: ConfigDoc, ctx: Context) {
  if (!ctx.models || !doc.format) return undefined;
  const ref = FORMATS[doc.format].extract(doc).model?.value;
  return ref ? (await ctx.models.resolve(ref, doc.path)).architecture : undefined;
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
