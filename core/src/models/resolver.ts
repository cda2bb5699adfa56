/**
 * Resolves the model a config names, in the order transformers would find it: a local folder (or
 * its config.json) relative to the config file or to a workspace folder (the tools resolve relative
 * paths from where they run, usually the workspace root); then the user's catalog folder
 * (`modelCatalog`), which may override the bundled one; the bundled catalog; a `config.json` beside
 * the config file (a model folder the config lives in); and, when enabled, the Hugging Face Hub.
 * Unknown models are reported with the sources tried, never guessed.
 */
import type { Host } from '../host';
import type { Settings } from '../settings';
import { buildArchitecture, UnsupportedModelError } from './architecture';
import { catalogConfig, lookupCatalog, normalizeHubRef } from './catalog';
import { ModelConfigError } from './configReader';
import { fetchHubConfig } from './hub';
import type { UserCatalog } from './userCatalog';
import { loadUserCatalog, lookupUserCatalog } from './userCatalog';
import { dirnameOf, isAbsolutePath, isInside, looksLikeHubId, looksLikePath, resolvePath } from './paths';
import type { ModelNotice, ModelResolution, ModelResolver, ModelSource } from './types';

type Found = { config: Record<string, unknown>; id: string; source: ModelSource; file?: string } | undefined;

interface Attempt {
  tried: string[];
  notices: ModelNotice[];
}

export function createModelResolver(host: Host, settings: Settings): ModelResolver {
  const hubCache = new Map<string, ReturnType<typeof fetchHubConfig>>();
  // Read once per resolver: the server makes a new one when settings change.
  let userCatalog: Promise<UserCatalog> | undefined;
  const user = () => (settings.modelCatalog ? (userCatalog ??= loadUserCatalog(host, settings.modelCatalog, host.workspaceFolders)) : undefined);
  return {
    async resolve(ref: string, fromPath: string): Promise<ModelResolution> {
      const attempt: Attempt = { tried: [], notices: [] };
      const found =
        (await fromLocal(host, ref, fromPath, attempt)) ??
        (await fromUserCatalog(user(), ref, attempt)) ??
        fromCatalog(ref, attempt) ??
        (looksLikePath(ref) ? undefined : await fromBeside(host, fromPath, attempt)) ??
        (await fromHub(host, settings, ref, attempt, hubCache));
      if (!found) return { tried: attempt.tried, reason: `${ref} was not found (${attempt.tried.join('; ')})`, notices: attempt.notices };
      return toResolution(found, attempt);
    },
  };
}

function toResolution(found: NonNullable<Found>, attempt: Attempt): ModelResolution {
  const base = { tried: attempt.tried, notices: attempt.notices, canonicalId: found.source === 'local' ? undefined : found.id };
  try {
    return { ...base, architecture: buildArchitecture(found.config, { id: found.id, source: found.source, file: found.file }) };
  } catch (err) {
    if (!(err instanceof UnsupportedModelError) && !(err instanceof ModelConfigError)) throw err;
    const code = err instanceof UnsupportedModelError ? 'model/unsupported-architecture' : 'model/invalid-config';
    const message = `${found.id} (${found.file ?? found.source}): ${err.message}; parameter counts and model-aware checks are skipped.`;
    return { ...base, reason: message, notices: [...attempt.notices, { code, severity: 'info', message }] };
  }
}

async function fromLocal(host: Host, ref: string, fromPath: string, a: Attempt): Promise<Found> {
  const explicit = looksLikePath(ref);
  if (!explicit && !looksLikeHubId(ref)) return undefined;
  if (ref.startsWith('~')) {
    a.tried.push(`local path ${ref} (a ~ path is not expanded)`);
    return undefined;
  }
  // Relative to the config file first, then to each workspace folder (where the tool is usually run).
  const bases = isAbsolutePath(ref) ? [dirnameOf(fromPath)] : [dirnameOf(fromPath), ...host.workspaceFolders];
  const seen = new Set<string>();
  for (const base of bases) {
    const abs = resolvePath(base, ref);
    if (seen.has(abs)) continue;
    seen.add(abs);
    if ((!host.trusted || host.readBoundary) && !host.workspaceFolders.some((f) => isInside(abs, f))) {
      if (explicit) {
        a.tried.push(`local path ${abs} (not read: outside ${host.readBoundary ?? 'the workspace'})`);
        const message = host.readBoundary
          ? `The model path ${ref} points outside ${host.readBoundary}, so peft-lens does not read it and parameter counts and model checks are skipped.`
          : `The model path ${ref} points outside the workspace; in an untrusted workspace peft-lens does not read it, so parameter counts and model checks are skipped. Trust the workspace to allow it.`;
        a.notices.push({ code: 'model/outside-workspace', severity: 'info', message });
      }
      continue;
    }
    const file = ref.endsWith('.json') ? abs : `${abs}/config.json`;
    const config = await readConfig(host, file, a, 'local path');
    if (config) return { config, id: ref, source: 'local', file };
  }
  return undefined;
}

async function readConfig(host: Host, file: string, a: Attempt, label: string): Promise<Record<string, unknown> | undefined> {
  const text = await host.readFile(file);
  a.tried.push(`${label} ${file}${text === undefined ? ' (no such file)' : ''}`);
  if (text === undefined) return undefined;
  const config = parseObject(text);
  if (!config) a.notices.push({ code: 'model/invalid-config', severity: 'info', message: `${file} is not a JSON object, so it cannot describe the model.` });
  return config;
}

async function fromUserCatalog(pending: Promise<UserCatalog> | undefined, ref: string, a: Attempt): Promise<Found> {
  if (!pending) return undefined;
  const catalog = await pending;
  const hit = lookupUserCatalog(catalog, ref);
  const problems = catalog.problems.length ? `; ${catalog.problems.join('; ')}` : '';
  a.tried.push(hit ? `user catalog ${catalog.dir}` : `user catalog ${catalog.dir} (not listed${problems})`);
  return hit ? { config: hit.config, id: hit.id, source: 'user-catalog', file: hit.file } : undefined;
}

/**
 * A config.json in the config file's own folder: a training config kept inside the model folder, or a
 * model's config.json copied next to it for an air-gapped machine. Only one that describes a model
 * (has `model_type`) counts, and it comes after the catalogs, because a Hub id that the catalogs know
 * is what the tool would load.
 */
async function fromBeside(host: Host, fromPath: string, a: Attempt): Promise<Found> {
  if (/(^|[\\/])config\.json$/.test(fromPath)) return undefined;
  const file = `${dirnameOf(fromPath)}/config.json`;
  const text = await host.readFile(file);
  const config = text === undefined ? undefined : parseObject(text);
  if (!config || typeof config.model_type !== 'string') {
    a.tried.push(`config.json beside the config (${text === undefined ? 'none' : 'not a model config'})`);
    return undefined;
  }
  a.tried.push(`config.json beside the config ${file}`);
  return { config, id: file, source: 'local', file };
}

function fromCatalog(ref: string, a: Attempt): Found {
  const hit = lookupCatalog(ref);
  a.tried.push(hit ? 'bundled catalog' : 'bundled catalog (not listed)');
  return hit ? { config: catalogConfig(hit.entry), id: hit.canonicalId, source: 'catalog' } : undefined;
}

async function fromHub(host: Host, settings: Settings, ref: string, a: Attempt, cache: Map<string, ReturnType<typeof fetchHubConfig>>): Promise<Found> {
  const id = normalizeHubRef(ref);
  if (!looksLikeHubId(id)) return undefined;
  if (!cache.has(id)) cache.set(id, fetchHubConfig(host, settings, id));
  const outcome = await cache.get(id)!;
  if ('skipped' in outcome) {
    a.tried.push(`Hugging Face Hub (${outcome.skipped})`);
    return undefined;
  }
  if ('failed' in outcome) {
    cache.delete(id);
    a.tried.push(`Hugging Face Hub (${outcome.failed})`);
    a.notices.push({ code: 'model/hub-unavailable', severity: 'info', message: `Could not read ${id}'s config.json from the Hugging Face Hub: ${outcome.failed}. Offline, gated or misspelt? Parameter counts and model checks are skipped.` });
    return undefined;
  }
  a.tried.push('Hugging Face Hub');
  return { config: outcome.config, id, source: 'hub' };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
