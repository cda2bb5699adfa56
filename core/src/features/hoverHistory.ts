/** A key's release history (versions/history.json) in its hover, with what it means on this file's stack. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { factsFor, lifeWords, statusAt } from '../versions/history';
import { PACKAGE_LABELS } from '../versions/matrix';
import { checkedAgainst } from '../versions/stack';
import { stackFor } from '../versions/stackFor';

const MEANING = { 'not-yet': 'not there yet', current: 'current', deprecated: 'deprecated (still read, with a warning)', removed: 'gone' };

export async function historySection(doc: ConfigDoc, key: string, ctx: Context): Promise<string> {
  if (!doc.format) return '';
  const facts = factsFor(doc.format, key);
  if (facts.length === 0) return '';
  const stack = await stackFor(doc, ctx);
  return facts
    .map((f) => {
      const version = stack?.versions[f.package];
      const here = stack && version ? ` On ${checkedAgainst(stack, f.package)}: ${MEANING[statusAt(f, version)]}.` : '';
      return `**History:** ${lifeWords(f, PACKAGE_LABELS[f.package])}${f.replacedBy ? ` (replaced by \`${f.replacedBy}\`)` : ''}.${here}`;
    })
    .join('\n\n');
}
