/**
 * A ConfigDoc is one parse of one version of a file: text, tree, syntax issues and detected format.
 * Everything else (check, hover, completion, estimate) reads it and never re-parses.
 */
import { detectFormat } from './detect';
import type { DetectionSource } from './detect';
import { matchesGlob } from './glob';
import { parseText, syntaxOf } from './parse/parse';
import type { Node } from './parse/tree';
import type { Settings } from './settings';
import type { FormatId, Issue, Syntax } from './types';

export interface ConfigDoc {
  /** Absolute file path (or URI path); used for name-based detection and relative model paths. */
  path: string;
  text: string;
  syntax: Syntax;
  root: Node | null;
  syntaxIssues: Issue[];
  format: FormatId | null;
  formatSource?: DetectionSource;
  /** Set when the text was not fully analysed (too large, binary); the issue says why. */
  skipped?: Issue;
}

/** How much of an oversized file is parsed, only to tell whether it is a config at all. */
export const DETECTION_PREFIX = 64 * 1024;

/**
 * `totalLength` is the file's length when `text` is only its beginning (a front end that read no
 * more of an oversized file than detection needs).
 */
export function openDocument(path: string, text: string, settings: Settings, languageId?: string, totalLength = text.length): ConfigDoc {
  const syntax = syntaxOf(path, languageId);
  const base = { path, text, syntax, root: null, syntaxIssues: [], format: null } as ConfigDoc;
  if (settings.files.length > 0 && !settings.files.some((g) => matchesGlob(path, g))) return base;
  if (text.slice(0, 8192).includes('\u0000')) {
    return { ...base, skipped: notAnalysed('file/binary', 'This file holds binary data (NUL bytes), so it is not a text config; peft-lens does not analyse it.') };
  }
  if (totalLength > settings.maxFileBytes) {
    const prefix = text.slice(0, text.lastIndexOf('\n', DETECTION_PREFIX) + 1 || DETECTION_PREFIX);
    const detection = detectFormat(path, prefix, parseText(prefix, syntax).root, settings);
    if (!detection.format) return base;
    const mb = (totalLength / 1048576).toFixed(1);
    const limit = (settings.maxFileBytes / 1048576).toFixed(1);
    return {
      ...base,
      format: detection.format,
      formatSource: detection.source,
      skipped: notAnalysed('file/too-large', `This file is ${mb} MB, over the ${limit} MB analysis limit (setting peftLens.maxFileBytes); it is not checked, to keep the editor responsive.`),
    };
  }
  const parsed = parseText(text, syntax);
  const detection = detectFormat(path, text, parsed.root, settings);
  return { ...base, root: parsed.root, syntaxIssues: parsed.issues, format: detection.format, formatSource: detection.source };
}

function notAnalysed(code: string, message: string): Issue {
  return { code, severity: 'info', message, span: { start: 0, end: 0 } };
}
