/**
 * The versions a workspace pins, read through the Host from the config's folder up to the workspace
 * folder that holds it (the nearest file wins for each package, lock files before requirement files).
 * Only in a trusted workspace and only inside it: an untrusted folder's files must not change what
 * the checker reports. Answers are kept a few seconds per folder, since every check of every config
 * asks again.
 */
import type { Host } from '../host';
import { dirnameOf, isInside, resolvePath } from '../models/paths';
import type { Package } from './matrix';
import type { Pins } from './pins';
import { fileRank, pinReaderFor } from './pins';

export interface WorkspacePins {
  pins: Pins;
  /** Package → the file (relative to the workspace folder) its version came from. */
  files: Partial<Record<Package, string>>;
}

/** Read when the host cannot list a folder. */
const DEFAULT_FILES = ['uv.lock', 'poetry.lock', 'requirements.txt', 'pyproject.toml', 'environment.yml'];
const FRESH_MS = 5000;
const cache = new WeakMap<Host, Map<string, { at: number; value: Promise<WorkspacePins | undefined> }>>();

export async function workspacePins(host: Host, docPath: string): Promise<WorkspacePins | undefined> {
  if (!host.trusted) return undefined;
  const folder = host.workspaceFolders.filter((f) => isInside(docPath, f)).sort((a, b) => b.length - a.length)[0];
  if (!folder) return undefined;
  const dir = dirnameOf(docPath);
  let perHost = cache.get(host);
  if (!perHost) cache.set(host, (perHost = new Map()));
  const hit = perHost.get(dir);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
  const value = readUpwards(host, dir, folder);
  perHost.set(dir, { at: Date.now(), value });
  return value;
}

async function readUpwards(host: Host, start: string, folder: string): Promise<WorkspacePins | undefined> {
  const out: WorkspacePins = { pins: {}, files: {} };
  for (let dir = start; isInside(dir, folder); dir = dirnameOf(dir)) {
    const names = ((await host.listDir?.(dir)) ?? DEFAULT_FILES).filter((n) => pinReaderFor(n)).sort((a, b) => fileRank(a) - fileRank(b));
    for (const name of names) {
      const path = resolvePath(dir, name);
      const text = await host.readFile(path);
      if (text === undefined) continue;
      for (const [pkg, version] of Object.entries(pinReaderFor(name)!(text)) as [Package, string][]) {
        if (out.pins[pkg]) continue;
        out.pins[pkg] = version;
        out.files[pkg] = path.slice(folder.replace(/[\\/]+$/, '').length + 1) || name;
      }
    }
    if (dirnameOf(dir) === dir) break;
  }
  return Object.keys(out.pins).length ? out : undefined;
}
