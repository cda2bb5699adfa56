/**
 * The first line's hover: the stack the file is checked against (tool release and dependencies),
 * where each release came from, and how to state another one.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { Package } from '../versions/matrix';
import { MATRIX, PACKAGE_LABELS } from '../versions/matrix';
import { originWords, releaseOf, stackWords } from '../versions/stack';
import { stackFor } from '../versions/stackFor';
import type { HoverResult } from './hover';

export async function stackHover(doc: ConfigDoc, offset: number, ctx: Context): Promise<HoverResult | null> {
  const lineEnd = doc.text.indexOf('\n');
  const end = lineEnd < 0 ? doc.text.length : lineEnd;
  if (offset > end) return null;
  const stack = await stackFor(doc, ctx);
  if (!stack) return null;
  const m = MATRIX[stack.format];
  const rows = (Object.keys(stack.versions) as Package[]).map((pkg) => {
    const spec = releaseOf(stack).pins[pkg];
    return `| ${PACKAGE_LABELS[pkg]} | ${stack.versions[pkg]} | ${originWords(stack, pkg)} | ${spec ? `\`${spec}\`` : ''} |`;
  });
  const markdown = [
    `**Checked against** ${stackWords(stack)}${stack.reference ? ' — the reference stack: nothing in the file, the settings or the workspace says otherwise.' : ''}`,
    '',
    `| package | release | why | ${m.label} ${stack.release} pins |`,
    '|---|---|---|---|',
    ...rows,
    '',
    `State another on this line, e.g. \`# peft-lens: ${m.tool}=${stack.release} transformers=5.17\`, or per format in the \`peftLens.stacks\` setting.`,
  ].join('\n');
  return { markdown, span: { start: 0, end } };
}
