import picomatch from 'picomatch';

const cache = new Map<string, (path: string) => boolean>();

/**
 * Whether a path matches a user glob. A relative glob matches at any depth (`*.axolotl.yml`,
 * `configs/*.yaml`), as editors' `files.associations` do; paths are compared with forward slashes.
 */
export function matchesGlob(path: string, glob: string): boolean {
  let matcher = cache.get(glob);
  if (!matcher) {
    const pattern = glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`;
    matcher = picomatch(pattern, { dot: true });
    cache.set(glob, matcher);
  }
  return matcher(path.replace(/\\/g, '/'));
}
