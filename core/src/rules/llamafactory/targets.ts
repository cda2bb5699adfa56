/**
 * Target-module lists. LLaMA-Factory expands only a lone `all` itself (find_all_linear_modules) and
 * passes any other list to PEFT as module-name suffixes, so PEFT's own `all-linear` shorthand, or `all`
 * next to other names, matches no module.
 */
import { replaceValueFix } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { Reporter, isSet } from '../rule';
import { listOf, setting } from './helpers';

export const targets: Rule = {
  codes: { 'llamafactory/target-modules': 'A target-module list LLaMA-Factory hands to PEFT unexpanded (`all-linear`, or `all` among other names).' },
  check(ctx) {
    const r = new Reporter(ctx);
    // Only the chosen method's list reaches PEFT; the other one is unused (see ignored-method-key).
    const method = String(setting(ctx, 'finetuning_type'));
    if ((method === 'lora' || method === 'oft') && isSet(ctx, `${method}_target`)) check(ctx, r, `${method}_target`);
    return r.issues;
  },
};

function check(ctx: RuleContext, r: Reporter, key: string): void {
  const names = listOf(ctx.config[key]);
  if (names.length === 1 && names[0] === 'all-linear') {
    r.report('llamafactory/target-modules', 'error', `LLaMA-Factory spells "every linear layer" \`all\`; it passes \`all-linear\` to PEFT as a module name, which matches nothing, and PEFT stops ("Target modules ... not found"). Use \`${key}: all\`.`, [key], 'value', [replaceValueFix(ctx, key, 'all', 'Change to `all`', true)]);
  } else if (names.length > 1 && names.includes('all')) {
    r.report('llamafactory/target-modules', 'warning', `\`all\` only means "every linear layer" on its own; next to other names LLaMA-Factory passes it to PEFT as a module name that matches nothing, so only ${names.filter((n) => n !== 'all').map((n) => `\`${n}\``).join(', ')} get adapters. Use \`${key}: all\` or list the modules.`, [key], 'value');
  }
}
