/** Real configs to fuzz with: the bundled examples, and the upstream corpus when ../shared is here. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared } from './shared';

export interface Sample {
  path: string;
  text: string;
}

/** Every YAML/JSON file under a folder, in a stable order. */
export function configFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? configFiles(p) : /\.(ya?ml|json)$/.test(n) ? [p] : [];
    });
}

export function realConfigs(): Sample[] {
  const roots = ['examples', requireShared('upstream-configs')];
  return roots.flatMap(configFiles).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}
