/**
 * Python `re` semantics on JavaScript RegExp, for the patterns PEFT applies to module names:
 * fullmatch, match (anchored at the start) and the named-group spelling differences.
 */

export class PatternError extends Error {}

function translate(pattern: string): string {
  return pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}

const cache = new Map<string, RegExp>();

function compile(source: string, original: string): RegExp {
  let re = cache.get(source);
  if (!re) {
    try {
      re = new RegExp(source);
    } catch (err) {
      throw new PatternError(`\`${original}\` is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`);
    }
    cache.set(source, re);
  }
  return re;
}

/** `re.fullmatch(pattern, text)`. */
export function fullmatch(pattern: string, text: string): boolean {
  return compile(`^(?:${translate(pattern)})$`, pattern).test(text);
}

/** `re.match(pattern, text)`: anchored at the start only; returns the groups. */
export function matchStart(pattern: string, text: string): RegExpExecArray | null {
  return compile(`^(?:${translate(pattern)})`, pattern).exec(text);
}

/** `(^|.*\.){m}($|\..*)` from check_target_module_exists: does `key` sit at or under a module named m. */
export function underModule(m: string, key: string): boolean {
  return matchStart(`(^|.*\\.)${m}($|\\..*)`, key) !== null;
}
