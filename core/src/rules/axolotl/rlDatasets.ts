/**
 * Preference datasets: with `rl: dpo|ipo|simpo|kto|orpo`, a dataset's `type` names a transform in that
 * loader's prompt-strategy modules (versions/axolotlRlLoaders.json, per release). One that does not
 * exist there stops axolotl while it prepares the data.
 */
import data from '../../versions/axolotlRlLoaders.json';
import { didYouMean, suggest, suggestionFixes } from '../../schema/suggest';
import { getEntry } from '../../parse/tree';
import { newestNotAfter } from '../../versions/semver';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

interface Release {
  rl: Record<string, string>;
  loaders: Record<string, Record<string, string[]>>;
}
const RELEASES = data.releases as Record<string, Release>;

export const rlDatasetRules = ruleFamily(
  { 'axolotl/rl-dataset-type': 'A preference dataset `type` whose prompt strategy has no such transform: axolotl stops loading the data.' },
  [rlDatasetTypes],
);

/** The module and function a `type` string names, or undefined for a user's own module path. */
function target(type: string, loader: string): { module: string; fn: string } | undefined {
  const parts = type.split('.');
  if (parts.length === 1) return { module: type, fn: 'default' };
  const prefix = parts.slice(0, -2).join('.');
  if (prefix && prefix !== `axolotl.prompt_strategies.${loader}`) return undefined;
  return { module: parts[parts.length - 2], fn: parts[parts.length - 1] };
}

function rlDatasetTypes(c: AxolotlConfig): void {
  const version = c.ctx.stack?.versions.axolotl ?? '0.18';
  const release = RELEASES[newestNotAfter(Object.keys(RELEASES), version)];
  const rl = c.get('rl');
  const loader = typeof rl === 'string' ? release.rl[rl] : undefined;
  if (!loader) return;
  const modules = release.loaders[loader];
  for (const list of ['datasets', 'test_datasets']) {
    const items = c.get(list);
    if (!Array.isArray(items)) continue;
    items.forEach((_, i) => {
      const type = c.get([list, i, 'type']);
      const t = typeof type === 'string' ? target(type, loader) : undefined;
      if (!t) return;
      const fns = modules[t.module];
      if (fns?.includes(t.fn)) return;
      const known = Object.entries(modules).flatMap(([m, fs]) => fs.map((f) => (f === 'default' ? m : `${m}.${f}`)));
      const near = suggest(String(type), known);
      const why = fns ? `the \`${t.module}\` ${loader} strategies define ${fns.map((f) => `\`${f}\``).join(', ')}, not \`${t.fn}\`` : `there is no \`${t.module}\` module among the ${loader} prompt strategies`;
      const value = getEntry(c.ctx.root, [list, i, 'type'])?.value;
      c.error('axolotl/rl-dataset-type', `With \`rl: ${String(rl)}\`, \`type: ${String(type)}\` names no transform axolotl can load: ${why}, so it stops with "Failed to load dataset transform function".${didYouMean(near)}`, [list, i, 'type'], 'value', value ? suggestionFixes(near, value.span) : []);
    });
  }
}
