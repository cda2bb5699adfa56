/**
 * Keys judged against the stack the file runs on (versions/): a key its release removed is what the
 * tool does with an unknown key (LLaMA-Factory stops, TRL's stock scripts drop it); a deprecated key
 * is a warning with its replacement as a quick fix; a key newer than the release is unknown to it.
 * Also: a stated release that the tool's own pins refuse.
 */
import { FORMATS } from '../../formats/registry';
import { keyText } from '../../parse/tree';
import type { Fix, Issue } from '../../types';
import { factsFor, lifeWords, replacementOn, statusAt } from '../../versions/history';
import type { KeyFact } from '../../versions/history';
import { MATRIX, PACKAGE_LABELS } from '../../versions/matrix';
import type { Stack } from '../../versions/stack';
import { checkedAgainst, outsidePins, releaseOf } from '../../versions/stack';
import type { Rule, RuleContext } from '../rule';

export const VERSION_CODES: Record<string, string> = {
  'versions/removed-key': 'A key the release of its package in this stack no longer has.',
  'versions/deprecated-key': 'A key the release of its package in this stack still reads, with a deprecation warning.',
  'versions/key-too-new': 'A key added after the release of its package in this stack.',
  'versions/outside-pins': "A stated or detected release that the tool's own dependency pins refuse.",
};

export const versionRule: Rule = {
  codes: VERSION_CODES,
  check(ctx) {
    if (!ctx.stack || !ctx.doc.format) return [];
    const issues: Issue[] = [];
    for (const entry of ctx.root.entries) {
      for (const fact of factsFor(ctx.doc.format, keyText(entry))) {
        const issue = keyIssue(ctx, ctx.stack, fact, entry.key.span);
        if (issue) issues.push(issue);
      }
    }
    return [...issues, ...pinIssues(ctx.stack)];
  },
};

function keyIssue(ctx: RuleContext, stack: Stack, fact: KeyFact, span: Issue['span']): Issue | undefined {
  const version = stack.versions[fact.package];
  if (!version) return undefined;
  const status = statusAt(fact, version);
  if (status === 'current') return undefined;
  const opts = FORMATS[ctx.doc.format!].validation;
  const life = lifeWords(fact, PACKAGE_LABELS[fact.package]);
  const against = `checked against ${checkedAgainst(stack, fact.package)}`;
  const replacement = replacementOn(fact, stack);
  const advice = replacement ? ` Use \`${replacement}\`${fact.advice ? `: ${fact.advice}` : ''}.` : fact.advice ? ` Instead, ${fact.advice}.` : '';
  const fixes: Fix[] = replacement ? [{ title: `Rename to \`${replacement}\``, edits: [{ span, newText: replacement }], preferred: true }] : [];
  const key = `\`${fact.key}\``;
  switch (status) {
    case 'removed':
      return { code: 'versions/removed-key', severity: opts.unknownKeySeverity, message: `${key} is gone (${life}; ${against}): ${opts.unknownKeyEffect}.${advice}`, span, fixes };
    case 'deprecated':
      return { code: 'versions/deprecated-key', severity: 'warning', message: `${key} still works on this stack with a deprecation warning (${life}; ${against}).${advice}`, span, fixes };
    default:
      return { code: 'versions/key-too-new', severity: opts.unknownKeySeverity, message: `${key} does not exist yet (${life}; ${against}): ${opts.unknownKeyEffect}.`, span };
  }
}

function pinIssues(stack: Stack): Issue[] {
  const rel = releaseOf(stack);
  const label = `${MATRIX[stack.format].label} ${stack.release}`;
  return outsidePins(stack).map(({ pkg, version, spec }) => ({
    code: 'versions/outside-pins',
    severity: 'warning',
    message: `${label} requires ${PACKAGE_LABELS[pkg]} ${spec}, and this file is checked against ${checkedAgainst(stack, pkg)}${rel.enforced ? `: it ${rel.enforced}` : ''}. Issues below are for ${PACKAGE_LABELS[pkg]} ${version}.`,
    span: { start: 0, end: 0 },
  }));
}
