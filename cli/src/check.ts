/** `peft-lens check`: every recognised config under the given paths, through the core's check. */
import type { Context } from '../../core/src/index';
import { check, openDocument } from '../../core/src/index';
import type { CheckedFile } from './report/types';
import { readConfigFile } from './boundary';
import { expandPaths } from './walk';

export async function checkPaths(paths: string[], ctx: Context, ignore: string[], root?: string): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  for (const target of await expandPaths(paths, root)) {
    const { text, size } = await readConfigFile(target.path, ctx.settings.maxFileBytes);
    const doc = openDocument(target.path, text, ctx.settings, undefined, size);
    if (!doc.format && !doc.skipped && !target.explicit) continue;
    const issues = (await check(doc, ctx)).filter((i) => !ignore.some((pattern) => codeMatches(i.code, pattern)));
    files.push({ path: target.path, format: doc.format, text, issues });
  }
  return files;
}

/** `--ignore` takes a code (`schema/unknown-key`) or a family (`schema/*`). */
function codeMatches(code: string, pattern: string): boolean {
  return pattern.endsWith('/*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}
