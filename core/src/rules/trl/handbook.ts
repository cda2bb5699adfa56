/** Keys of the alignment-handbook scripts, which share TRL's parser but add their own arguments. */
import trlSchema from '../../../../schemas/trl.schema.json';
import { keyText } from '../../parse/tree';
import type { JsonSchema } from '../../schema/types';
import type { Rule } from '../rule';
import { Reporter } from '../rule';

const PROPS = (trlSchema as JsonSchema).properties ?? {};
const HANDBOOK_KEYS = Object.keys(PROPS).filter((k) => PROPS[k]['x-handbook'] === true);

export const handbook: Rule = {
  codes: { 'trl/handbook-key': 'A key only the alignment-handbook scripts read; the `trl` CLI does not know it.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const keys = HANDBOOK_KEYS.filter((k) => k in ctx.config);
    if (keys.length === 0) return r.issues;
    const first = ctx.root.entries.find((e) => keys.includes(keyText(e)));
    const names = keys.map((k) => `\`${k}\``).join(', ');
    r.report('trl/handbook-key', 'info', `${names} ${keys.length > 1 ? 'are' : 'is'} read by the alignment-handbook scripts (\`scripts/run_sft.py\`, ...), which share TRL's parser. Plain \`trl sft\` does not declare ${keys.length > 1 ? 'them' : 'it'} and passes ${keys.length > 1 ? 'them' : 'it'} to \`accelerate launch\`, which rejects unknown options.`, [first ? keyText(first) : keys[0]]);
    return r.issues;
  },
};
