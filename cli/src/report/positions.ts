/** Offsets to 1-based line/column for reports, through the same TextDocument the server uses. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../../core/src/index';
import type { Located } from './types';

export function locator(text: string): (span: Span) => Located {
  const doc = TextDocument.create('file:///x', 'yaml', 1, text);
  return (span) => {
    const start = doc.positionAt(span.start);
    const end = doc.positionAt(span.end);
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
}
