/**
 * The core's Host for Node front ends (server and CLI): file reads that respect workspace trust.
 * The network is not reachable through this host unless model look-ups are enabled by the caller.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Host } from '../../core/src/index';

export interface NodeHostOptions {
  trusted: boolean;
  workspaceFolders: string[];
}

export function createNodeHost(options: NodeHostOptions): Host {
  return {
    trusted: options.trusted,
    workspaceFolders: options.workspaceFolders,
    async readFile(path: string) {
      if (!options.trusted && !insideAny(path, options.workspaceFolders)) return undefined;
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function insideAny(path: string, folders: string[]): boolean {
  const abs = resolve(path);
  return folders.some((folder) => {
    const rel = relative(resolve(folder), abs);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}
