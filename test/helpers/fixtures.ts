/** Test helpers: documents from text with a cursor marker, issue summaries by code and line, applied fixes. */
import type { ConfigDoc, Context, Fix, Issue, Settings } from '../../core/src/index';
import { createContext, openDocument } from '../../core/src/index';

export const CURSOR = '<|>';

/** Text with `<|>` marking the cursor: returns the text without it and the offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('fixture has no <|> cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

export function doc(path: string, text: string, settings: Partial<Settings> = {}): ConfigDoc {
  return openDocument(path, text, createContext({ settings }).settings);
}

export function ctx(settings: Partial<Settings> = {}): Context {
  return createContext({ settings });
}

/** 1-based line of an offset (tests only; production code converts positions in one place). */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function summary(text: string, issues: Issue[]): string[] {
  return issues.map((i) => `${i.code}@${lineOf(text, i.span.start)}`);
}

/** The text after applying a quick fix's edits (back to front, so earlier offsets stay valid). */
export function applyFix(text: string, fix: Fix): string {
  return [...fix.edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}
