/**
 * What a workspace's Python dependency files say about the versions it runs: exact pins from lock
 * files (uv.lock, poetry.lock), `pip freeze` output and requirements files, pyproject.toml and conda's
 * environment.yml. A range only counts when it names the newest release it allows (`<=5.8.0`); a
 * lower bound alone says nothing about what is installed.
 */
import type { Package } from './matrix';

export type Pins = Partial<Record<Package, string>>;

/** pip and conda names of the packages the matrix knows. */
const NAMES: Record<string, Package> = {
  transformers: 'transformers',
  peft: 'peft',
  trl: 'trl',
  torch: 'torch',
  pytorch: 'torch',
  axolotl: 'axolotl',
  llamafactory: 'llamafactory',
  'llama-factory': 'llamafactory',
  torchtune: 'torchtune',
};

function packageOf(name: string): Package | undefined {
  return NAMES[name.toLowerCase().replace(/_/g, '-')];
}

/** The release a requirement's specifier fixes: `==X`, `===X`, `~=X`, a conda `=X`, or the `<=X` of a range. */
export function versionOfSpec(spec: string): string | undefined {
  const s = spec.split(';')[0].replace(/\s+/g, '');
  const exact = /(?:^|,)(?:===?|~=|=)([0-9][\w.+!]*)/.exec(s);
  if (exact) return exact[1];
  const bare = /^([0-9][\w.+!]*)$/.exec(s);
  if (bare) return bare[1];
  const upper = /(?:^|,)<=([0-9][\w.+!]*)/.exec(s);
  return upper ? upper[1] : undefined;
}

/** One requirement line (`transformers[torch]==5.8.0 ; python_version>"3.9"`). */
function requirement(line: string): [Package, string] | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([=<>!~][^#]*)?/.exec(line);
  if (!m || !m[2]) return undefined;
  const pkg = packageOf(m[1]);
  const version = versionOfSpec(m[2]);
  return pkg && version ? [pkg, version] : undefined;
}

function collect(found: Iterable<[Package, string] | undefined>): Pins {
  const pins: Pins = {};
  for (const hit of found) if (hit && !pins[hit[0]]) pins[hit[0]] = hit[1];
  return pins;
}

/** requirements*.txt and `pip freeze` output. */
export function requirementsPins(text: string): Pins {
  return collect(text.split(/\r?\n/).map((l) => (l.trim().startsWith('-') ? undefined : requirement(l.replace(/#.*/, '')))));
}

/** uv.lock and poetry.lock: `[[package]]` tables with `name` and `version`. */
export function lockPins(text: string): Pins {
  return collect(
    text.split(/^\[\[package\]\]\s*$/m).slice(1).map((table): [Package, string] | undefined => {
      const name = /^name\s*=\s*"([^"]+)"/m.exec(table)?.[1];
      const version = /^version\s*=\s*"([^"]+)"/m.exec(table)?.[1];
      const pkg = name ? packageOf(name) : undefined;
      return pkg && version ? [pkg, version] : undefined;
    }),
  );
}

/** pyproject.toml: PEP 621 requirement strings (`"trl==0.24.0"`) and poetry tables (`trl = "0.24.0"`). */
export function pyprojectPins(text: string): Pins {
  const quoted = [...text.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*[=<>!~][^"']*)["']/g)].map((m) => requirement(m[1]));
  const poetry = [...text.matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*(?:"([^"]+)"|\{[^}]*version\s*=\s*"([^"]+)")/gm)].map((m): [Package, string] | undefined => {
    const pkg = packageOf(m[1]);
    const version = versionOfSpec(m[2] ?? m[3]);
    return pkg && version ? [pkg, version] : undefined;
  });
  return collect([...quoted, ...poetry]);
}

/** conda's environment.yml: `- pytorch=2.11`, and pip entries `- transformers==5.8.0`. */
export function condaPins(text: string): Pins {
  return collect(text.split(/\r?\n/).map((l) => /^\s*-\s*([^\s#]+)/.exec(l)?.[1]).map((entry) => (entry ? requirement(entry.replace(/^[\w-]+::/, '')) : undefined)));
}

/** The reader for a file name, or undefined for files that hold no dependencies. */
export function pinReaderFor(fileName: string): ((text: string) => Pins) | undefined {
  const name = fileName.toLowerCase();
  if (name === 'uv.lock' || name === 'poetry.lock') return lockPins;
  if (name === 'pyproject.toml') return pyprojectPins;
  if (name === 'environment.yml' || name === 'environment.yaml') return condaPins;
  if (/^(requirements|constraints).*\.txt$/.test(name) || /freeze.*\.txt$/.test(name)) return requirementsPins;
  return undefined;
}

/** Lock files first: they record what was installed; requirement files may only bound it. */
export function fileRank(fileName: string): number {
  const name = fileName.toLowerCase();
  if (name.endsWith('.lock')) return 0;
  if (/freeze/.test(name)) return 1;
  if (name.endsWith('.txt')) return 2;
  return name === 'pyproject.toml' ? 3 : 4;
}

