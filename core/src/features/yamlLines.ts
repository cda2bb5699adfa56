/**
 * Block-YAML structure from indentation alone, for completion while a line is half typed (when the
 * parser has nothing useful to say). Each line gets the path of the mapping or sequence it belongs
 * to; block scalars (`|`, `>`) and comments are skipped. Flow collections are read only on the line
 * being typed (see yamlCursor).
 */
import type { Path } from '../parse/tree';

export interface YamlLine {
  start: number;
  end: number;
  /** Path of the collection this line's content belongs to (with a sequence index after `- `). */
  parent: Path;
  /** Column where the content starts, after any `- ` markers. */
  col: number;
  /** The key, when the content is `key:` (with or without a value). */
  key?: string;
  /** The raw text after `key:`, trimmed, without a trailing comment. */
  value?: string;
}

export interface Frame {
  col: number;
  seg: string | number;
  /** A `- ` frame (sequence item) rather than a key frame. */
  item: boolean;
}


export interface YamlScan {
  lines: YamlLine[];
  /** Open collections after the last line, for placing a line being typed (see lineAt). */
  frames: Frame[];
  /** Set when the text ends inside a block scalar opened at this column. */
  blockScalarCol: number;
}

/** Scans the lines that start before `until` (default: all). */
export function scanYaml(text: string, until = text.length + 1): YamlScan {
  const lines: YamlLine[] = [];
  const frames: Frame[] = [];
  let blockScalarCol = -1;
  for (let start = 0; start < until && start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const indent = /^ */.exec(line)![0].length;
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    if (blockScalarCol >= 0 && (blank || indent > blockScalarCol)) {
      start = end + 1;
      continue;
    }
    blockScalarCol = -1;
    if (!blank && !/^(---|\.\.\.)\s*$/.test(line)) {
      const parsed = parseLine(line, frames);
      lines.push({ start, end, ...parsed });
      if (parsed.key !== undefined && /^[|>][-+0-9]*$/.test(parsed.value ?? '')) blockScalarCol = parsed.col;
    }
    start = end + 1;
  }
  return { lines, frames, blockScalarCol };
}

/** Where a partial line (the text before the cursor) would sit, given the lines above it. */
export function lineAt(scan: YamlScan, before: string): Omit<YamlLine, 'start' | 'end'> {
  return parseLine(before, scan.frames.map((f) => ({ ...f })));
}

/** Applies one line to the frame stack and returns where its content sits. */
function parseLine(line: string, frames: Frame[]): Omit<YamlLine, 'start' | 'end'> {
  let col = /^ */.exec(line)![0].length;
  for (let m = /^- ?/.exec(line.slice(col)); m; m = /^- ?/.exec(line.slice(col))) {
    if (m[0] === '-' && line.length > col + 1) break;
    popTo(frames, col, true);
    const last = frames[frames.length - 1];
    const index = last && last.item && last.col === col ? (frames.pop(), (last.seg as number) + 1) : 0;
    frames.push({ col, seg: index, item: true });
    col += m[0].length;
    col += /^ */.exec(line.slice(col))![0].length;
  }
  popTo(frames, col, false);
  const parent = frames.map((f) => f.seg);
  const kv = splitKey(line.slice(col));
  if (!kv) return { parent, col };
  const { key } = kv;
  const value = kv.value.replace(/(^|\s)#.*$/, '').trim();
  if (value === '' || /^[|>][-+0-9]*$/.test(value) || /^&\S+$/.test(value)) frames.push({ col, seg: key, item: false });
  return { parent, col, key, value };
}

/** `key: value` → key and value text; linear in the line length (lines may be very long). */
function splitKey(content: string): { key: string; value: string } | undefined {
  const quote = content[0] === '"' || content[0] === "'" ? content[0] : undefined;
  if (quote) {
    const close = content.indexOf(quote, 1);
    const rest = close > 0 ? /^\s*:(\s|$)/.exec(content.slice(close + 1)) : null;
    return rest ? { key: content.slice(1, close), value: content.slice(close + 1 + rest[0].length) } : undefined;
  }
  if (content === '' || content[0] === '#' || content[0] === '[' || content[0] === '{') return undefined;
  const sep = /:(\s|$)/.exec(content);
  if (!sep) return undefined;
  const key = content.slice(0, sep.index).trimEnd();
  return key === '' || / #/.test(key) ? undefined : { key, value: content.slice(sep.index + sep[0].length) };
}

/**
 * Pops frames that cannot contain content at `col`: deeper ones always; at the same column, key
 * frames (a sibling key) — but a `- ` at a key's own column is that key's compact sequence.
 */
function popTo(frames: Frame[], col: number, dash: boolean): void {
  while (frames.length) {
    const top = frames[frames.length - 1];
    if (top.col > col || (top.col === col && !dash)) frames.pop();
    else break;
  }
}

/** Keys already present in the mapping at `path`, from the lines (whatever the parser made of them). */
export function keysAt(lines: YamlLine[], path: Path, except?: number): Set<string> {
  const want = JSON.stringify(path);
  const keys = new Set<string>();
  for (const l of lines) if (l.key !== undefined && l.start !== except && JSON.stringify(l.parent) === want) keys.add(l.key);
  return keys;
}
