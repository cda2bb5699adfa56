/** Text helpers shared by completion providers. */
import type { Path } from '../parse/tree';
import type { Syntax } from '../types';

/** The last key of a path (list indices skipped). */
export function lastKey(path: Path): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/**
 * A value as it must be written: JSON literal in JSON; in YAML plain unless PyYAML would read it as
 * something else (yes/no/on/off/null, numbers, leading indicators) or it breaks a flow list.
 */
export function scalarText(v: unknown, syntax: Syntax, flow: boolean): string {
  if (syntax === 'json' || typeof v !== 'string') return JSON.stringify(v);
  const misread = /^(y|yes|n|no|true|false|on|off|null|~|[-+.]?\d.*|[-?:,[\]{}#&*!|>'"%@`].*|\s.*|.*\s)$/i.test(v) || v === '' || /: | #/.test(v);
  return misread || (flow && /[,[\]{}]/.test(v)) ? JSON.stringify(v) : v;
}

/** Escapes text placed inside a snippet so `$`, `}` and `\` stay literal. */
export function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, (m) => `\\${m}`);
}
