/**
 * The core's Host for Node front ends (server and CLI): file reads and folder listings (the user's
 * model catalog) that respect workspace trust, and
 * https GETs (Hugging Face Hub config.json look-ups) with a timeout, a size cap, redirects kept on
 * https, no credentials, and a disk cache that also serves stale copies when offline. The core
 * decides whether to fetch at all (settings.modelLookups); an untrusted workspace gets no network.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Host } from '../../core/src/index';
import { readRegularFile, realInsideAny } from './safeRead';

export interface NodeHostOptions {
  trusted: boolean;
  workspaceFolders: string[];
  /** Where fetched files are cached (default: $XDG_CACHE_HOME or ~/.cache, then peft-lens/hub). */
  cacheDir?: string;
  /** Extra trusted CA certificates (PEM), for a TLS-intercepting proxy or a test server. */
  ca?: string;
  /** Nothing outside this folder is read, trusted or not (the CLI's --root). */
  readRoot?: string;
}

/** No real config.json comes near this (the largest, with big label maps, are a few hundred KB). */
export const MAX_MODEL_CONFIG_BYTES = 16 * 1024 * 1024;

/** Cached files younger than this are used without asking the network. */
const FRESH_MS = 7 * 24 * 3600 * 1000;
const MAX_REDIRECTS = 5;
/** A model catalog folder holds `org/name/config.json` at most; deeper trees are not walked. */
const MAX_LIST_DEPTH = 3;
const MAX_LISTED = 2000;

export function createNodeHost(options: NodeHostOptions): Host {
  const host: Host = {
    trusted: options.trusted,
    workspaceFolders: options.workspaceFolders,
    async readFile(path: string) {
      // Real paths on both sides: a symlink inside the workspace may point anywhere.
      if (!options.trusted && !(await realInsideAny(path, options.workspaceFolders))) return undefined;
      if (options.readRoot && !(await realInsideAny(path, [options.readRoot]))) return undefined;
      const read = await readRegularFile(path, MAX_MODEL_CONFIG_BYTES);
      return 'text' in read ? read.text : undefined;
    },
    async listJsonFiles(dir: string) {
      if (!options.trusted && !(await realInsideAny(dir, options.workspaceFolders))) return undefined;
      if (options.readRoot && !(await realInsideAny(dir, [options.readRoot]))) return undefined;
      return listJson(dir);
    },
    async listDir(path: string) {
      if (!options.trusted && !(await realInsideAny(path, options.workspaceFolders))) return undefined;
      if (options.readRoot && !(await realInsideAny(path, [options.readRoot]))) return undefined;
      try {
        return (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch {
        return undefined;
      }
    },
  };
  if (options.readRoot) host.readBoundary = `--root ${options.readRoot}`;
  if (options.trusted) host.fetchText = (url, limits) => cachedFetch(url, limits, options.cacheDir ?? defaultCacheDir(), options.ca);
  return host;
}

async function listJson(dir: string): Promise<string[] | undefined> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(rel ? join(dir, rel) : dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (out.length >= MAX_LISTED) break;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if ((e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.json')) out.push(path);
      else if (e.isDirectory() && depth < MAX_LIST_DEPTH && !e.name.startsWith('.')) await walk(path, depth + 1);
    }
    return true;
  };
  return (await walk('', 1)) ? out : undefined;
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'peft-lens', 'hub');
}

interface CacheEntry {
  url: string;
  fetchedAt: number;
  body: string;
}

async function cachedFetch(url: string, limits: { timeoutMs: number; maxBytes: number }, cacheDir: string, ca: string | undefined): Promise<string> {
  // Loaded here, not at start-up: most runs never look a model up on the Hub.
  const { createHash } = await import('node:crypto');
  const file = join(cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  const cached = await readCache(file, url);
  if (cached && Date.now() - cached.fetchedAt < FRESH_MS) return cached.body;
  try {
    const body = await httpsGet(url, limits, ca, MAX_REDIRECTS);
    await mkdir(cacheDir, { recursive: true })
      .then(() => writeFile(file, JSON.stringify({ url, fetchedAt: Date.now(), body } satisfies CacheEntry)))
      .catch(() => undefined);
    return body;
  } catch (err) {
    // Offline or the Hub is down: an old copy of a config.json is still right.
    if (cached) return cached.body;
    throw err;
  }
}

async function readCache(file: string, url: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    return entry.url === url && typeof entry.body === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function httpsGet(url: string, limits: { timeoutMs: number; maxBytes: number }, ca: string | undefined, redirectsLeft: number): Promise<string> {
  const target = new URL(url);
  if (target.protocol !== 'https:') throw new Error(`only https URLs are fetched (got ${target.protocol}//${target.host})`);
  const { get } = await import('node:https');
  return new Promise((resolvePromise, reject) => {
    const req = get(target, { headers: { accept: 'application/json', 'user-agent': 'peft-lens' }, ca, timeout: limits.timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirectsLeft <= 0) return reject(new Error('too many redirects'));
        return resolvePromise(httpsGet(new URL(res.headers.location, target).toString(), limits, ca, redirectsLeft - 1));
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(statusMessage(status)));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          req.destroy(new Error(`response larger than ${limits.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${limits.timeoutMs / 1000} s`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new Error(networkMessage(err))));
  });
}

function statusMessage(status: number): string {
  if (status === 401 || status === 403) return `HTTP ${status}: the model is gated or private (peft-lens sends no credentials)`;
  if (status === 404) return 'HTTP 404: no such model or file';
  return `HTTP ${status}`;
}

function networkMessage(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `cannot resolve ${err.message.split(' ').pop()} (offline?)`;
  if (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' || err.code === 'ENETUNREACH') return `cannot connect (${err.code}; offline?)`;
  return err.message;
}
