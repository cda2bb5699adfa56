/**
 * `llamafactory-cli eval` configs (EvaluationArguments: `task`, `n_shot`, `lang`, `save_dir`): the
 * launcher answers that command with NotImplementedError since LLaMA-Factory 0.9.4.
 */
import { compare } from '../../versions/semver';
import { checkedAgainst } from '../../versions/stack';
import type { Rule } from '../rule';
import { Reporter, isSet } from '../rule';

/** First release whose launcher raises on `eval` (launcher.py; 0.9.3 still ran it). */
const EVAL_REMOVED = '0.9.4';

export const evaluation: Rule = {
  codes: { 'llamafactory/eval-command-removed': 'A `llamafactory-cli eval` config: the command raises NotImplementedError since LLaMA-Factory 0.9.4.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const release = ctx.stack?.versions.llamafactory;
    if (!isSet(ctx, 'task') || !release || compare(release, EVAL_REMOVED) < 0) return r.issues;
    r.report(
      'llamafactory/eval-command-removed',
      'error',
      `\`task\` makes this a \`llamafactory-cli eval\` config, and since LLaMA-Factory ${EVAL_REMOVED} that command stops with NotImplementedError ("Evaluation will be deprecated in the future"); checked against ${checkedAgainst(ctx.stack!, 'llamafactory')}. Evaluate with \`do_predict\` on a \`train\` config, or with an external harness.`,
      ['task'],
    );
    return r.issues;
  },
};
