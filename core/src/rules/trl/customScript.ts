/** A recipe for a script with its own dataclasses (formats/trl/customScript.ts): said once, as a note. */
import { customScriptKeys } from '../../formats/trl/customScript';
import type { Rule, RuleContext } from '../rule';
import { Reporter } from '../rule';

export const customScript: Rule = {
  codes: { 'trl/custom-script': 'Keys no TRL class declares: a recipe for a script with its own dataclasses, checked without the stock-script rules.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const keys = customScriptKeys(ctx.doc);
    if (keys.length === 0) return r.issues;
    const names = keys.slice(0, 4).map((k) => `\`${k}\``).join(', ') + (keys.length > 4 ? ', …' : '');
    r.report(
      'trl/custom-script',
      'info',
      `${names} ${keys.length > 1 ? 'are' : 'is'} declared by no TRL class, so this is probably the recipe of a script with its own dataclasses (TrlParser with its own arguments). peft-lens accepts ${keys.length > 1 ? 'them' : 'it'} and skips the checks that only hold for the stock \`trl\` scripts (which data keys are required, the alignment-handbook keys).`,
      [keys[0]],
    );
    return r.issues;
  },
};

/** Stock-script rules apply only to files that are not a custom script's recipe. */
export function stockScriptOnly(rule: Rule): Rule {
  return { codes: rule.codes, check: (ctx: RuleContext) => (customScriptKeys(ctx.doc).length ? [] : rule.check(ctx)) };
}
