/**
 * Names in a target_modules list that match no module while others do. PEFT 0.21 stops only when the
 * whole list matches nothing; a misspelt entry beside correct ones is dropped without a word, and the
 * run trains fewer adapters than the file says. Each such entry gets a warning, with the model's
 * closest module name as the fix.
 */
import type { Architecture } from '../../models/types';
import { editDistance } from '../../schema/suggest';
import type { PeftFinding } from './peftView';
import { leaf } from './targets';

export function unmatchedEntries(names: string[], arch: Architecture): PeftFinding[] {
  const keys = arch.modules.map((m) => m.name);
  // PEFT's list test: the module's full name is listed, or one of its dotted tails is.
  const matches = (name: string) => keys.some((k) => k === name || k.endsWith(`.${name}`));
  const leaves = [...new Set(keys.map(leaf))];
  return [...new Set(names)].filter((name) => !matches(name)).map((name) => {
    const replacement = closest(leaf(name), leaves);
    const hint = replacement ? ` Did you mean \`${replacement}\`?` : '';
    return {
      code: 'model/target-unmatched',
      severity: 'warning',
      key: 'target_modules',
      entry: name,
      replacement,
      message: `\`${name}\` matches no module of ${arch.className}: PEFT adapts the other targets and ignores this one without a warning.${hint}`,
    };
  });
}

/** The nearest module leaf name, if it is near enough to be a typo (a third of the name, at least 2 edits). */
function closest(name: string, candidates: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { name: c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}
