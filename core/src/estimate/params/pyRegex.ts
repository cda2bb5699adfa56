/**
 * Python `re` semantics on JavaScript RegExp, for the patterns PEFT applies to module names:
 * fullmatch, match (anchored at the start) and the named-group spelling differences.
 */

export class PatternError extends Error {}

function translate(pattern: string): string {
  return pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

const cache = new Map<string, RegExp>();

/** Compiled once per (anchoring, pattern): these run for every module of the model on every edit. */
function compile(pattern: string, full: boolean): RegExp {
  const cacheKey = `${full ? 'F' : 'M'}${pattern}`;
  let re = cache.get(cacheKey);
  if (!re) {
    try {
      re = new RegExp(`^(?:${translate(pattern)})${full ? '$' : ''}`);
    } catch (err) {
      throw new PatternError(`\`${pattern}\` is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`);
    }
    cache.set(cacheKey, re);
  }
  return re;
}

/** `re.fullmatch(pattern, text)`. */
export function fullmatch(pattern: string, text: string): boolean {
  return compile(pattern, true).test(text);
}

/** `re.match(pattern, text)`: anchored at the start only; returns the groups. */
export function matchStart(pattern: string, text: string): RegExpExecArray | null {
  return compile(pattern, false).exec(text);
}

/** `(^|.*\.){m}($|\..*)` from check_target_module_exists: a matcher for keys at or under a module named m. */
export function underModuleMatcher(m: string): (key: string) => boolean {
  const re = compile(`(^|.*\\.)${m}($|\\..*)`, false);
  return (key) => re.test(key);
}
