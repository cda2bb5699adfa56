/**
 * Release numbers as Python packages write them (`5.8`, `5.14.1`, `0.9.6.dev0`, `2.11.0+cu128`):
 * compared part by part, missing parts read as 0, pre-release and local suffixes ignored (a `.dev0`
 * build already carries the behaviour of the release it leads to). Specifiers are PEP 440's common
 * subset: comma-separated `==`, `!=`, `>=`, `<=`, `>`, `<`, `~=`.
 */

/** The numeric parts of a release, or undefined when it does not start with a number. */
export function parts(version: string): number[] | undefined {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(version);
  return m ? m[1].split('.').map(Number) : undefined;
}

export function isVersion(version: string): boolean {
  return parts(version) !== undefined;
}

/** Negative when a < b, 0 when equal (trailing zeros do not count), positive when a > b. */
export function compare(a: string, b: string): number {
  const pa = parts(a) ?? [];
  const pb = parts(b) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Of `known` releases, the newest that is not after `version` (a 0.9.7 behaves like 0.9.6 as far as we know), else the oldest. */
export function newestNotAfter(known: string[], version: string): string {
  const sorted = [...known].sort(compare);
  return [...sorted].reverse().find((v) => compare(v, version) <= 0) ?? sorted[0];
}

/** True when `version` meets every clause of `spec`; an empty spec allows everything. */
export function satisfies(version: string, spec: string): boolean {
  return clauses(spec).every(({ op, at }) => {
    const c = compare(version, at);
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      default: {
        // ~=X.Y.Z: at least X.Y.Z and still X.Y.
        const prefix = (parts(at) ?? []).slice(0, -1);
        const v = parts(version) ?? [];
        return c >= 0 && prefix.every((p, i) => (v[i] ?? 0) === p);
      }
    }
  });
}

export interface Clause {
  op: string;
  at: string;
}

export function clauses(spec: string): Clause[] {
  return spec
    .split(',')
    .map((s) => /^\s*(===|==|!=|>=|<=|~=|>|<)\s*([\w.+!-]+)\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ op: m[1], at: m[2] }));
}

/** A spec in words for messages: `>=4.55.0,<=5.8.0` → `>= 4.55.0, <= 5.8.0`. */
export function specWords(spec: string): string {
  return clauses(spec).map((c) => `${c.op} ${c.at}`).join(', ');
}
