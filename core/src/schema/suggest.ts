/** Did-you-mean: the candidates closest to a misspelt word, by edit distance, and the fixes that apply them. */
import type { Fix, Span } from '../types';

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Up to `max` candidates within a distance that grows with the word's length (a third of it, at
 * least 1), closest first; case and `-`/`_` differences count as near misses.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const w = norm(word);
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const n = norm(c);
    const d = n === w ? 0.5 : editDistance(w, n);
    const prefix = n.startsWith(w) || w.startsWith(n) ? Math.min(d, 2) : d;
    if (prefix <= limit) scored.push([c, prefix]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, max).map(([c]) => c);
}

/** The sentence that offers suggestions (" Did you mean `a` or `b`?"), or '' when there are none. */
export function didYouMean(near: string[]): string {
  return near.length ? ` Did you mean ${near.map((s) => `\`${s}\``).join(' or ')}?` : '';
}

/**
 * One quick fix per suggestion, each writing `text(s)` over `span`; a lone suggestion is the
 * preferred fix (an editor may apply it on save), several are left for the user to choose.
 */
export function suggestionFixes(near: string[], span: Span, title = (s: string) => `Change to \`${s}\``, text = (s: string) => s): Fix[] {
  return near.map((s) => ({ title: title(s), edits: [{ span, newText: text(s) }], preferred: near.length === 1 }));
}
