/** What the TRL rules share. */
import { removeEntryEdit } from '../../edits';
import { findEntry } from '../../parse/tree';
import type { Fix } from '../../types';
import type { RuleContext } from '../rule';
import { truthy } from '../rule';

export function isOn(ctx: RuleContext, key: string): boolean {
  return truthy(ctx.config[key]);
}

/** Keys set in the file (with any value but null), in file order of the list given. */
export function present(ctx: RuleContext, keys: string[]): string[] {
  return keys.filter((k) => ctx.config[k] !== undefined && ctx.config[k] !== null);
}

export function removeKeyFix(ctx: RuleContext, key: string): Fix[] {
  const entry = findEntry(ctx.root, key);
  return entry ? [{ title: `Remove \`${key}\``, edits: [removeEntryEdit(ctx.doc, ctx.root, entry)] }] : [];
}
