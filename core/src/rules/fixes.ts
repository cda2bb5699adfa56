/**
 * The quick fixes rules offer, built once for every format: remove a key, replace a value, set a
 * top-level key. Each returns undefined where it does not apply, which `Reporter.report` skips.
 */
import type { Path } from '../parse/tree';
import { getEntry, getNode } from '../parse/tree';
import { addEntriesEdit, removeEntryEdit, replaceValueEdit } from '../edits';
import type { Fix } from '../types';
import type { RuleContext } from './rule';

const asPath = (path: string | Path): Path => (typeof path === 'string' ? [path] : path);

/** "Remove `key`": deletes the entry (with its line in YAML, its comma in JSON). */
export function removeKeyFix(ctx: RuleContext, path: string | Path, preferred = false): Fix | undefined {
  const p = asPath(path);
  const entry = getEntry(ctx.root, p);
  const parent = getNode(ctx.root, p.slice(0, -1));
  if (!entry || parent?.kind !== 'map') return undefined;
  return { title: `Remove \`${String(p[p.length - 1])}\``, edits: [removeEntryEdit(ctx.doc, parent, entry)], preferred };
}

/** Replaces the value written at a path. */
export function replaceValueFix(ctx: RuleContext, path: string | Path, value: unknown, title: string, preferred = false): Fix | undefined {
  const entry = getEntry(ctx.root, asPath(path));
  if (!entry?.value) return undefined;
  return { title, edits: [replaceValueEdit(entry.value.span, value, ctx.doc)], preferred };
}

/** "Set `key: value`" at the top level: replaces the value when the key is written, else appends it. */
export function setKeyFix(ctx: RuleContext, key: string, value: unknown, preferred = false, title = `Set \`${key}: ${JSON.stringify(value)}\``): Fix {
  const entry = getEntry(ctx.root, [key]);
  if (entry?.value && entry.value.span.end > entry.value.span.start) return { title, edits: [replaceValueEdit(entry.value.span, value, ctx.doc)], preferred };
  if (entry) {
    // `key:` with nothing after it yet: write the value after the colon.
    const at = ctx.doc.text.indexOf(':', entry.key.span.end) + 1;
    return { title, edits: [{ span: { start: at, end: at }, newText: ` ${JSON.stringify(value)}` }], preferred };
  }
  return { title, edits: [addEntriesEdit(ctx.doc, ctx.root, [[key, value]])], preferred };
}

/** Several top-level `key: value` settings as one fix (new keys are appended together). */
export function setKeysFix(ctx: RuleContext, entries: [string, unknown][], preferred = false): Fix {
  const title = `Set ${entries.map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``).join(' and ')}`;
  const existing = entries.filter(([k]) => getEntry(ctx.root, [k]));
  const added = entries.filter(([k]) => !getEntry(ctx.root, [k]));
  const edits = existing.flatMap(([k, v]) => setKeyFix(ctx, k, v).edits);
  if (added.length) edits.push(addEntriesEdit(ctx.doc, ctx.root, added));
  return { title, edits, preferred };
}
