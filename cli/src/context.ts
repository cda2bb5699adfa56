/** The core context a command runs with, from the few flags that shape it (also rebuilt in each worker thread). */
import { resolve } from 'node:path';
import { createContext } from '../../core/src/index';
import type { Context } from '../../core/src/index';
import { createNodeHost } from '../../server/src/nodeHost';

export interface ContextFlags {
  /** `--root` resolved (rootFrom), or undefined for no boundary. */
  root?: string;
  catalog?: string;
  modelLookups: boolean;
}

export function cliContext(flags: ContextFlags): Context {
  const host = createNodeHost({ trusted: true, workspaceFolders: [flags.root ?? process.cwd()], readRoot: flags.root });
  const modelCatalog = flags.catalog ? resolve(flags.catalog) : '';
  return createContext({ host, settings: { modelLookups: flags.modelLookups, modelCatalog } });
}
