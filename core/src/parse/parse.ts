import type { Issue, Syntax } from '../types';
import type { Node } from './tree';
import { parseJson } from './json';
import { parseYaml } from './yaml';

export interface ParseResult {
  root: Node | null;
  /** Syntax problems with exact spans; the tree still holds every part that parsed. */
  issues: Issue[];
}

/** Never throws: a broken file gives a partial tree plus syntax issues. */
export function parseText(text: string, syntax: Syntax): ParseResult {
  try {
    return syntax === 'json' ? parseJson(text) : parseYaml(text);
  } catch (err) {
    // Defence in depth: the parsers are not expected to throw, but a crash must not cost the user anything.
    return {
      root: null,
      issues: [{ code: 'syntax/parser-failure', severity: 'error', message: `The ${syntax.toUpperCase()} parser failed: ${String(err)}`, span: { start: 0, end: Math.min(1, text.length) } }],
    };
  }
}

/** Syntax from the file name, then the editor's language id; YAML is the default (JSON is flow YAML). */
export function syntaxOf(path: string, languageId?: string): Syntax {
  if (/\.jsonc?$/i.test(path) || languageId === 'json' || languageId === 'jsonc') return 'json';
  return 'yaml';
}
