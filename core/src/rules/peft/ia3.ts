/** `IA3Config.__post_init__`: feed-forward modules are a kind of targeted module, so they must be targeted. */
import { peftRule } from './peftRule';

export const ia3Rule = peftRule(
  ['IA3'],
  { 'peft/ia3-feedforward-not-subset': '`feedforward_modules` lists a module that `target_modules` does not.' },
  (r, config) => {
    const targets = config.target_modules;
    const feedforward = config.feedforward_modules;
    if (!Array.isArray(targets) || !Array.isArray(feedforward)) return;
    const i = feedforward.findIndex((name) => !targets.includes(name));
    if (i >= 0) {
      r.report('peft/ia3-feedforward-not-subset', 'error', `"${String(feedforward[i])}" is in \`feedforward_modules\` but not in \`target_modules\`; feed-forward modules must be a subset of the targeted ones, and PEFT raises ValueError. Add it to \`target_modules\` or remove it here.`, ['feedforward_modules', i], 'value');
    }
  },
);
