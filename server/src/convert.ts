/**
 * The one place where core offsets become LSP positions and back. TextDocument counts in UTF-16
 * code units, as JavaScript strings and LSP do, and handles CRLF line ends.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, Position, Range, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { CodeActionKind, DiagnosticSeverity, MarkupKind } from 'vscode-languageserver/node';
import type { Fix, HoverResult, Issue, Severity, Span } from '../../core/src/index';

export function spanToRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function positionToOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function issueToDiagnostic(doc: TextDocument, issue: Issue): Diagnostic {
  return {
    range: spanToRange(doc, issue.span),
    severity: SEVERITY[issue.severity],
    code: issue.code,
    source: 'peft-lens',
    message: issue.message,
  };
}

export function hoverToLsp(doc: TextDocument, hover: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: spanToRange(doc, hover.span) };
}

/** A fix as a code action; without a diagnostic it is a fix the estimate offers (how to fit), not one for an issue. */
export function fixToCodeAction(doc: TextDocument, fix: Fix, diagnostic?: Diagnostic): CodeAction {
  const edits: LspTextEdit[] = fix.edits.map((e) => ({ range: spanToRange(doc, e.span), newText: e.newText }));
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    isPreferred: fix.preferred,
    edit: { changes: { [doc.uri]: edits } },
  };
}
