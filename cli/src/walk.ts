/** Expands the paths given on the command line: files as they are, directories walked for YAML/JSON. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assertInsideRoot } from './boundary';

const CONFIG_FILE = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'dist', 'out']);

export interface Target {
  path: string;
  /** Named on the command line (reported even when not a recognised config). */
  explicit: boolean;
}

/** Symlinks met while walking are not followed (Dirent reports them as neither file nor folder). */
export async function expandPaths(paths: string[], root?: string): Promise<Target[]> {
  const out: Target[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new Error(`cannot read ${p}: no such file or directory`);
    await assertInsideRoot(p, root);
    if (info.isDirectory()) await walk(p, out);
    else out.push({ path: p, explicit: true });
  }
  return out;
}

async function walk(dir: string, out: Target[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(path, out);
    } else if (e.isFile() && CONFIG_FILE.test(e.name)) out.push({ path, explicit: false });
  }
}
