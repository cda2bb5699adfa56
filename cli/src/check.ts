/** `peft-lens check`: every recognised config under the given paths, through the core's check. */
import type { Context } from '../../core/src/index';
import { check, openDocument } from '../../core/src/index';
import type { CheckedFile } from './report/types';
import { readConfigFile } from './boundary';
import type { Target } from './walk';

/** One target checked; undefined for a file met while walking that is no config of ours. */
export async function checkTarget(target: Target, ctx: Context, ignore: string[]): Promise<CheckedFile | undefined> {
  const { text, size } = await readConfigFile(target.path, ctx.settings.maxFileBytes);
  const doc = openDocument(target.path, text, ctx.settings, undefined, size);
  if (!doc.format && !doc.skipped && !target.explicit) return undefined;
  const issues = (await check(doc, ctx)).filter((i) => !ignore.some((pattern) => codeMatches(i.code, pattern)));
  return { path: target.path, format: doc.format, text, issues };
}

/** The targets one after the other, in order. */
export async function checkSerially(targets: Target[], ctx: Context, ignore: string[]): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  for (const target of targets) {
    const file = await checkTarget(target, ctx, ignore);
    if (file) files.push(file);
  }
  return files;
}

/** `--ignore` takes a code (`schema/unknown-key`) or a family (`schema/*`). */
function codeMatches(code: string, pattern: string): boolean {
  return pattern.endsWith('/*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}
