/**
 * Reading a method snippet as a template: its entries (one `key: value` line, or a JSON property, per
 * key), matching a file's value against an entry's template to recover what the user wrote for each
 * tabstop, and writing the entry back with those values as the tabstops' defaults. This is how an
 * inserted method keeps the user's `lora_r: 64` or torchtune builder family instead of the snippet's.
 */
import { expandSnippet } from './snippets';

export interface SnippetEntry {
  key: string;
  /** The value as written in the snippet (snippet syntax, no trailing comma). */
  template: string;
  /** The entry's line(s) as written in the snippet (children included), without a trailing JSON comma. */
  text: string;
  /** Indented lines under the key (torchtune's `model:` block). */
  children: SnippetEntry[];
}

export interface ParsedSnippet {
  /** Comment lines before the first entry (a YAML snippet's explanation). */
  comments: string[];
  entries: SnippetEntry[];
}

/** The entries of a YAML block snippet, by indentation (nested one level for torchtune's model block). */
export function yamlSnippetEntries(body: string): ParsedSnippet {
  const comments: string[] = [];
  const entries: SnippetEntry[] = [];
  for (const line of body.split('\n')) {
    const m = /^(\s*)([\w.-]+):(?: (.*))?$/.exec(line);
    if (!m) {
      if (/^\s*#/.test(line) && entries.length === 0) comments.push(line);
      continue;
    }
    const entry: SnippetEntry = { key: m[2], template: m[3] ?? '', text: line, children: [] };
    const parent = entries[entries.length - 1];
    if (m[1].length > 0 && parent) {
      parent.children.push(entry);
      parent.text += `\n${line}`;
    } else entries.push(entry);
  }
  return { comments, entries };
}

/** The properties of a JSON document snippet (one per line, as every snippets/*.json body is written). */
export function jsonSnippetEntries(body: string): ParsedSnippet {
  const entries: SnippetEntry[] = [];
  for (const line of body.split('\n')) {
    const m = /^\s*"([^"]+)":\s*(.*?),?$/.exec(line);
    if (m) entries.push({ key: m[1], template: m[2], text: line.replace(/,$/, ''), children: [] });
  }
  return { comments: [], entries };
}

interface Compiled {
  regex: RegExp;
  /** Tabstop number of each capture group, in order. */
  stops: number[];
  /** Characters of literal text: the template that pins more of the value is the better reading. */
  literal: number;
}

const PLACEHOLDER = /\\.|\$\{(\d+):((?:[^{}\\]|\\.)*)\}|\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}|\$\{(\d+)\}|\$(\d+)/g;

function compile(template: string): Compiled {
  let source = '';
  let literal = 0;
  const stops: number[] = [];
  let last = 0;
  const lit = (s: string) => {
    literal += s.length;
    source += s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  };
  for (const m of template.matchAll(PLACEHOLDER)) {
    lit(template.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0].startsWith('\\')) lit(m[0].slice(1));
    else if (m[4] !== undefined) {
      stops.push(Number(m[3]));
      source += `(${m[4].split(',').map((c) => expandSnippet(c).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
    } else {
      stops.push(Number(m[1] ?? m[5] ?? m[6]));
      source += '([\\s\\S]*?)';
    }
  }
  lit(template.slice(last));
  return { regex: new RegExp(`^${source}$`), stops, literal };
}

/**
 * What the user wrote for each tabstop, read from `value` through the template that matches it most
 * specifically (`torchtune.models.llama3_1.lora_llama3_1_8b` against the LoRA builder's template, not
 * the full one's). Undefined when no template matches.
 */
export function captureStops(value: string, templates: string[]): Map<number, string> | undefined {
  let best: { literal: number; stops: Map<number, string> } | undefined;
  for (const t of templates) {
    const c = compile(t);
    const m = c.regex.exec(value);
    if (!m || (best && best.literal >= c.literal)) continue;
    best = { literal: c.literal, stops: new Map(c.stops.map((n, i) => [n, m[i + 1]])) };
  }
  return best?.stops;
}

/** Escapes text for a snippet body (inside a placeholder's default when `inChoice` adds , and |). */
export function escapeSnippet(text: string, inChoice = false): string {
  return text.replace(inChoice ? /[\\$},|]/g : /[\\$}]/g, '\\$&');
}

/** The template with each captured tabstop's default replaced by the user's text (a choice puts it first). */
export function fillStops(template: string, stops: Map<number, string>): string {
  return template.replace(PLACEHOLDER, (whole, n1?: string, _d?: string, n3?: string, choices?: string, n5?: string, n6?: string) => {
    if (whole.startsWith('\\')) return whole;
    const n = Number(n1 ?? n3 ?? n5 ?? n6);
    const user = stops.get(n);
    if (user === undefined) return whole;
    if (choices !== undefined) {
      const rest = choices.split(',').filter((c) => expandSnippet(c) !== user);
      return `\${${n}|${[escapeSnippet(user, true), ...rest].join(',')}|}`;
    }
    return `\${${n}:${escapeSnippet(user)}}`;
  });
}
