/**
 * Whether Python's `re.compile` would refuse a pattern. JavaScript's RegExp is close but not equal:
 * Python-only syntax is translated before compiling, escapes Python refuses but JavaScript tolerates
 * are checked by hand, and constructs we cannot mirror (verbose mode, conditionals) are given the
 * benefit of the doubt — a false alarm on a valid pattern is worse than a miss.
 */

const ESCAPES_ANYWHERE = 'abfnrtvxuUNdDsSwW';
const ESCAPES_OUTSIDE_CLASS = 'ABZ';

/** The reason Python would refuse `pattern`, or undefined when it compiles (or we cannot tell). */
export function pythonRegexError(pattern: string): string | undefined {
  if (/\(\?[aiLmsu]*x/.test(pattern) || pattern.includes('(?(') || pattern.includes('\\N{')) return undefined;
  const bad = badEscape(pattern);
  if (bad) return bad;
  try {
    new RegExp(toJavaScript(pattern));
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

/** Escapes Python rejects: unknown letter escapes and short \x / \u escapes. */
function badEscape(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === '') return 'bad escape (end of pattern)';
      if (/[A-Za-z]/.test(next) && !ESCAPES_ANYWHERE.includes(next) && (inClass || !ESCAPES_OUTSIDE_CLASS.includes(next))) return `bad escape \\${next}`;
      if (next === 'x' && !/^[0-9a-fA-F]{2}/.test(pattern.slice(i + 2))) return 'incomplete escape \\x';
      if (next === 'u' && !/^[0-9a-fA-F]{4}/.test(pattern.slice(i + 2))) return 'incomplete escape \\u';
      i++;
    } else if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
  }
  return undefined;
}

/** Python syntax rewritten into its JavaScript equivalent (same acceptance, not same semantics). */
function toJavaScript(pattern: string): string {
  return pattern
    .replace(/^\(\?[aiLmsu]+\)/, '')
    .replace(/\(\?#[^)]*\)/g, '')
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\(\?[aiLmsu-]+:/g, '(?:')
    .replace(/\(\?>/g, '(?:')
    .replace(/([*+?}])\+/g, '$1')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
}
