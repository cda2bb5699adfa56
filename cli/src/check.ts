/** `peft-lens check`: every recognised config under the given paths, through the core's check. */
import { readFile } from 'node:fs/promises';
import type { Context } from '../../core/src/index';
import { check, openDocument } from '../../core/src/index';
import type { CheckedFile } from './report/types';
import { expandPaths } from './walk';

export async function checkPaths(paths: string[], ctx: Context, ignore: string[]): Promise<CheckedFile[]> {
  const files: CheckedFile[] = [];
  for (const target of await expandPaths(paths)) {
    const text = await readFile(target.path, 'utf8').catch((err: Error) => {
      throw new Error(`cannot read ${target.path}: ${err.message}`);
    });
    const doc = openDocument(target.path, text, ctx.settings);
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
