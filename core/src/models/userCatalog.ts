/**
 * The user's own model catalog (`peftLens.modelCatalog`, CLI `--catalog DIR`): a folder an air-gapped
 * team fills with the models it trains, read through the Host. Two kinds of file are understood:
 * catalog files in the bundled catalog's shape (`{"models": [{"id", "aliases", "config"}]}`), and
 * plain config.json files, named by the file (`acme-7b.json` is `acme-7b`) or by the folder that
 * holds them (`acme/secret-7b/config.json` is `acme/secret-7b`, the Hub's layout).
 */
import type { Host } from '../host';
import { normalizeHubRef } from './catalog';
import { isAbsolutePath, resolvePath } from './paths';

export interface UserModel {
  id: string;
  config: Record<string, unknown>;
  /** Absolute path of the file it came from, for the hover's "source". */
  file: string;
}

export interface UserCatalog {
  /** The folder as resolved (relative settings resolve against the first workspace folder). */
  dir: string;
  byId: Map<string, UserModel>;
  /** Files that could not be used, and why: shown with the unknown-model message. */
  problems: string[];
}

/** A folder of thousands of files is not a catalog; reading stops here so a mistaken setting stays cheap. */
const MAX_FILES = 500;

export async function loadUserCatalog(host: Host, setting: string, workspaceFolders: string[]): Promise<UserCatalog> {
  const dir = isAbsolutePath(setting) ? resolvePath('/', setting) : resolvePath(workspaceFolders[0] ?? '.', setting);
  const catalog: UserCatalog = { dir, byId: new Map(), problems: [] };
  const files = host.listJsonFiles ? await host.listJsonFiles(dir) : undefined;
  if (!files) {
    catalog.problems.push(host.listJsonFiles ? `the folder ${dir} cannot be read` : 'this front end cannot read folders');
    return catalog;
  }
  for (const rel of files.slice(0, MAX_FILES).sort()) {
    const file = `${dir}/${rel}`;
    const value = parseObject(await host.readFile(file));
    if (!value) {
      catalog.problems.push(`${file} is not a JSON object`);
      continue;
    }
    if (Array.isArray(value.models)) addCatalogFile(catalog, value.models, file);
    else if (typeof value.model_type === 'string') add(catalog, idFromName(rel), value, file);
    else catalog.problems.push(`${file} is neither a catalog file ({"models": [...]}) nor a config.json (no model_type)`);
  }
  if (files.length > MAX_FILES) catalog.problems.push(`only the first ${MAX_FILES} of ${files.length} files in ${dir} were read`);
  return catalog;
}

export function lookupUserCatalog(catalog: UserCatalog, ref: string): UserModel | undefined {
  return catalog.byId.get(normalizeHubRef(ref).toLowerCase());
}

function addCatalogFile(catalog: UserCatalog, models: unknown[], file: string): void {
  models.forEach((m, i) => {
    const entry = m as { id?: unknown; aliases?: unknown; config?: unknown };
    if (typeof entry?.id !== 'string' || !entry.config || typeof entry.config !== 'object' || Array.isArray(entry.config)) {
      catalog.problems.push(`${file}: models[${i}] needs an "id" string and a "config" object`);
      return;
    }
    const aliases = Array.isArray(entry.aliases) ? entry.aliases.filter((a): a is string => typeof a === 'string') : [];
    for (const id of [entry.id, ...aliases]) add(catalog, id, entry.config as Record<string, unknown>, file, entry.id);
  });
}

function add(catalog: UserCatalog, id: string, config: Record<string, unknown>, file: string, canonical = id): void {
  const key = id.toLowerCase();
  // The first file (in sorted order) wins, so the answer does not depend on the order the OS lists files in.
  if (!catalog.byId.has(key)) catalog.byId.set(key, { id: canonical, config, file });
}

/** `acme/secret-7b/config.json` → `acme/secret-7b`; `acme-7b.json` → `acme-7b`. */
function idFromName(rel: string): string {
  const parts = rel.split('/');
  const last = parts.pop()!;
  return last === 'config.json' && parts.length ? parts.join('/') : [...parts, last.replace(/\.json$/, '')].join('/');
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
