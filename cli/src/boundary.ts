/**
 * What the CLI may read: config files are read only when regular (a FIFO would block), with their
 * size checked before reading (an oversized one is read no further than format detection needs),
 * and with `--root DIR` (the default under CI) nothing outside DIR, compared on real paths. A CI job
 * that checks a pull request's configs must not become a way to print the runner's files.
 */
import { resolve } from 'node:path';
import { DETECTION_PREFIX } from '../../core/src/index';
import { readRegularFile, realInsideAny } from '../../server/src/safeRead';

/** `--root` as given, else the current directory when the CI variable is set, else no boundary. */
export function rootFrom(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (flag !== undefined) return resolve(cwd, flag);
  return env.CI ? cwd : undefined;
}

export async function assertInsideRoot(path: string, root: string | undefined): Promise<void> {
  if (root && !(await realInsideAny(path, [root]))) throw new Error(`${path} is outside --root ${root}, so it is not read`);
}

/** A config file's text (only its beginning when over `maxBytes`) and its whole size. */
export async function readConfigFile(path: string, maxBytes: number): Promise<{ text: string; size: number }> {
  const read = await readRegularFile(path, maxBytes, DETECTION_PREFIX);
  if ('refused' in read) throw new Error(`cannot read ${path}: ${read.refused}`);
  return read;
}
