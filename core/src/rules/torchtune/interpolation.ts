/**
 * OmegaConf interpolations (`${output_dir}`, `${batch_size}`) are resolved when the recipe reads the
 * value; one naming a key the file does not define fails there ("Interpolation key ... not found")
 * unless that key is added on the command line (`tune run ... model_dir=/path`), hence a warning.
 * Resolver calls (`${oc.env:HOME}`) and relative references (`${.sibling}`) are left alone.
 */
import type { Node, Path } from '../../parse/tree';
import { keyText } from '../../parse/tree';
import type { Rule, RuleContext } from '../rule';
import { Reporter, valueAt } from '../rule';

const REFERENCE = /\$\{([^${}:]+)\}/g;

export const interpolationRule: Rule = {
  codes: {
    'torchtune/undefined-interpolation': 'An `${key}` interpolation naming a key the config does not define: resolving it fails unless the key is given on the command line.',
  },
  check(ctx: RuleContext) {
    const r = new Reporter(ctx);
    visit(ctx.root, [], (text, path) => {
      for (const m of text.matchAll(REFERENCE)) {
        const ref = m[1].trim();
        if (ref.startsWith('.') || valueAt(ctx.config, ref.split('.').map(segment)) !== undefined) continue;
        r.report('torchtune/undefined-interpolation', 'warning', `\`\${${ref}}\` names a key this config does not define: OmegaConf fails to resolve it when the recipe reads this value, unless you pass \`${ref}=...\` on the \`tune run\` command line. Define \`${ref}\` or fix the name.`, path, 'value');
      }
    });
    return r.issues;
  },
};

const segment = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);

function visit(node: Node | null, path: Path, onString: (text: string, path: Path) => void): void {
  if (!node) return;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && node.value.includes('${')) onString(node.value, path);
  } else if (node.kind === 'seq') {
    node.items.forEach((item, i) => visit(item, [...path, i], onString));
  } else {
    for (const e of node.entries) visit(e.value, [...path, keyText(e)], onString);
  }
}
