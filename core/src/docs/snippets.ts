/**
 * The method snippets of every format, bundled from snippets/<format>.json: the server offers them as
 * completions (features/completeSnippets.ts) and Insert Fine-Tuning Method merges them, so the picker
 * and the editor offer the same text. Each begins with the format's model key, so that a new file made
 * from one is recognised by its content.
 * Each snippet's prefix is `<format prefix>-<method>` (`axolotl-qlora`, `peft-prompt-tuning`).
 */
import axolotl from '../../../snippets/axolotl.json';
import llamafactory from '../../../snippets/llamafactory.json';
import peftAdapter from '../../../snippets/peft-adapter.json';
import torchtune from '../../../snippets/torchtune.json';
import trl from '../../../snippets/trl.json';
import type { FormatId } from '../types';

export interface Snippet {
  prefix: string;
  /** VS Code snippet syntax, lines joined with "\n". */
  body: string;
  description?: string;
  /** `document`: a whole file (adapter_config.json); `block`: top-level keys inserted at the cursor. */
  insert: 'document' | 'block';
}

interface SnippetFileEntry {
  prefix: string;
  body: string | string[];
  description?: string;
}

const FILES: Record<FormatId, Record<string, SnippetFileEntry>> = { 'peft-adapter': peftAdapter, axolotl, llamafactory, torchtune, trl };

export const SNIPPET_PREFIX: Record<FormatId, string> = { 'peft-adapter': 'peft', axolotl: 'axolotl', llamafactory: 'llamafactory', torchtune: 'torchtune', trl: 'trl' };

export function snippetsOf(format: FormatId): Snippet[] {
  return Object.values(FILES[format]).map((s) => ({
    prefix: s.prefix,
    body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
    ...(s.description ? { description: s.description } : {}),
    insert: format === 'peft-adapter' ? 'document' : 'block',
  }));
}

/** The snippet writing `methodId` (`prompt_tuning`) in `format`, if that format has one. */
export function snippetFor(format: FormatId, methodId: string): Snippet | undefined {
  const prefix = `${SNIPPET_PREFIX[format]}-${methodId.replace(/_/g, '-')}`;
  return snippetsOf(format).find((s) => s.prefix === prefix);
}

/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:8}` → 8, a choice
 * `${1|a,b|}` → a, `$1`/`${1}`/`$0` → nothing, `\$` → $. Nested placeholders expand inside out.
 */
export function expandSnippet(body: string): string {
  let text = body;
  for (let guard = 0; guard < 32; guard++) {
    const next = text
      .replace(/(?<!\\)\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1')
      .replace(/(?<!\\)\$\{\d+\|((?:[^,|\\]|\\.)*)(?:,(?:[^|\\]|\\.)*)*\|\}/g, '$1')
      .replace(/(?<!\\)(\$\{\d+\}|\$\d+)/g, '');
    if (next === text) break;
    text = next;
  }
  return text.replace(/\\([$}\\,|])/g, '$1');
}
