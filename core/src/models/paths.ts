/**
 * Path arithmetic on strings (the core does no I/O and imports no `node:path`): enough to resolve a
 * model path relative to the config file and to tell whether it stays inside the workspace.
 */

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function separatorOf(p: string): '/' | '\\' {
  return !p.includes('/') && p.includes('\\') ? '\\' : '/';
}

export function dirnameOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  return i === 0 ? p.slice(0, 1) : p.slice(0, i);
}

/** Joins and normalises `.` and `..` segments; keeps the style (slashes) of `base`. */
export function resolvePath(base: string, ref: string): string {
  const sep = separatorOf(base);
  const joined = isAbsolutePath(ref) ? ref : `${base}${sep}${ref}`;
  const root = /^[A-Za-z]:[\\/]/.test(joined) ? joined.slice(0, 3) : joined.startsWith('/') || joined.startsWith('\\') ? sep : '';
  const out: string[] = [];
  for (const part of joined.slice(root.length).split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return root + out.join(sep);
}

export function isInside(path: string, folder: string): boolean {
  const norm = (p: string) => resolvePath('/', p).replace(/\\/g, '/').replace(/\/+$/, '');
  const a = norm(path);
  const f = norm(folder);
  return a === f || a.startsWith(`${f}/`) || f === '';
}

/** Refs written as paths (not hub ids): absolute, ./ ../ ~/, Windows, or a .json file. */
export function looksLikePath(ref: string): boolean {
  return isAbsolutePath(ref) || /^(\.{1,2}|~)([\\/]|$)/.test(ref) || ref.includes('\\') || ref.endsWith('.json');
}

/** Hub ids: `name` or `org/name`, letters, digits, `-`, `_`, `.` (no `..`). */
export function looksLikeHubId(ref: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/.test(ref) && !ref.includes('..');
}
