/**
 * The chat template: without one LLaMA-Factory quietly guesses from the tokenizer; a name the release
 * does not register stops it (versions/llamafactoryTemplates.json holds each release's registry).
 */
import registry from '../../versions/llamafactoryTemplates.json';
import { didYouMean, suggest, suggestionFixes } from '../../schema/suggest';
import { getEntry } from '../../parse/tree';
import { compare, newestNotAfter } from '../../versions/semver';
import { checkedAgainst } from '../../versions/stack';
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet, writtenOr } from '../rule';
import { setting } from './helpers';

const RELEASES = registry.releases as Record<string, string[]>;

export const template: Rule = {
  codes: {
    'llamafactory/missing-template': 'Training on chat data without `template`, so LLaMA-Factory falls back to a guess.',
    'llamafactory/unknown-template': 'A `template` name the LLaMA-Factory release does not register: it stops with "Template ... does not exist".',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    checkRegistered(r, ctx);
    const st = String(setting(ctx, 'stage'));
    if (st === 'pt' || !isOn(ctx, 'do_train') || isSet(ctx, 'template')) return r.issues;
    r.report(
      'llamafactory/missing-template',
      'warning',
      `\`stage: ${st}\` formats each example with a chat template, and none is set: LLaMA-Factory falls back to the tokenizer's own template, or to \`empty\` (no role markers) when the tokenizer has none. Set \`template\` to the model's family (e.g. \`llama3\`, \`qwen3\`).`,
      writtenOr(ctx.config, 'stage', 'do_train'),
    );
    return r.issues;
  },
};

/** The registry of the stack's release (the newest one modelled that is not after it). */
function registryFor(release: string): [string, string[]] {
  const at = newestNotAfter(Object.keys(RELEASES), release);
  return [at, RELEASES[at]];
}

function checkRegistered(r: Reporter, ctx: RuleContext): void {
  const name = ctx.config.template;
  if (typeof name !== 'string' || !ctx.stack) return;
  const [release, names] = registryFor(ctx.stack.release);
  if (names.includes(name)) return;
  const near = suggest(name, names);
  const elsewhere = Object.entries(RELEASES).filter(([, ns]) => ns.includes(name)).map(([v]) => v).sort(compare);
  const history = elsewhere.length ? ` (${elsewhere.join(' and ')} registered it)` : '';
  const value = getEntry(ctx.root, ['template'])?.value;
  r.report(
    'llamafactory/unknown-template',
    'error',
    `LLaMA-Factory ${release} registers no template \`${name}\`${history}, so it stops with "Template ${name} does not exist" (checked against ${checkedAgainst(ctx.stack, 'llamafactory')}).${didYouMean(near)}`,
    ['template'],
    'value',
    value ? suggestionFixes(near, value.span) : [],
  );
}
