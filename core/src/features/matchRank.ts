/**
 * How well a typed prefix names a candidate (a model id), for ordering a long completion list the way a
 * user reads it: the id that starts with what was typed, then one whose name after the organisation does,
 * then one containing it, then a fuzzy match (the typed characters in order). Case is ignored, as the Hub
 * ignores it. Lower ranks are better; undefined: no match at all.
 */
export function matchRank(typed: string, candidate: string): number | undefined {
  const t = typed.toLowerCase();
  const c = candidate.toLowerCase();
  if (t === '') return 0;
  if (c.startsWith(t)) return 0;
  const name = c.slice(c.indexOf('/') + 1);
  if (name.startsWith(t)) return 1;
  if (c.includes(t)) return 2;
  return isSubsequence(t, c) ? 3 : undefined;
}

function isSubsequence(t: string, c: string): boolean {
  let i = 0;
  for (const ch of c) if (ch === t[i] && ++i === t.length) return true;
  return i === t.length;
}
