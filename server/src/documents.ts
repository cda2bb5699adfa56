/**
 * Parse once per (uri, version): a small LRU of ConfigDocs and their issues, dropped on close and
 * cleared when settings change. Bounded, so a session with many files open cannot grow without end.
 */
import { fileURLToPath } from 'node:url';
import { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigDoc, Context, Issue, TextEdit } from '../../core/src/index';
import { check, openDocument, updateDocument } from '../../core/src/index';

interface Entry {
  version: number;
  doc: ConfigDoc;
  issues?: Promise<Issue[]>;
}

/** The last change of a document: from which version to which, and the edit when it was a single range. */
interface Change {
  from: number;
  to: number;
  edit?: TextEdit;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  private readonly changes = new Map<string, Change>();

  constructor(private readonly context: () => Context, private readonly limit = 32) {}

  get(text: TextDocument): ConfigDoc {
    return this.entry(text).doc;
  }

  /** Issues for this version, computed once and shared by push and pull diagnostics. */
  issues(text: TextDocument): Promise<Issue[]> {
    const entry = this.entry(text);
    entry.issues ??= check(entry.doc, this.context());
    return entry.issues;
  }

  /** Called for every didChange, so the next parse can reuse this one when the edit allows it. */
  recordChange(uri: string, change: Change): void {
    this.changes.set(uri, change);
  }

  drop(uri: string): void {
    this.entries.delete(uri);
    this.changes.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.changes.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(text: TextDocument): Entry {
    const hit = this.entries.get(text.uri);
    // A client may repeat a version number (or reopen a URI at version 1): the text decides, not the number.
    if (hit && hit.version === text.version && hit.doc.text === text.getText()) {
      // Re-insert to mark as most recently used.
      this.entries.delete(text.uri);
      this.entries.set(text.uri, hit);
      return hit;
    }
    const settings = this.context().settings;
    const change = this.changes.get(text.uri);
    const doc =
      hit && change && change.from === hit.version && change.to === text.version && change.from !== change.to
        ? updateDocument(hit.doc, change.edit, text.getText(), settings, text.languageId)
        : openDocument(uriToPath(text.uri), text.getText(), settings, text.languageId);
    const entry: Entry = { version: text.version, doc };
    this.entries.delete(text.uri);
    this.entries.set(text.uri, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** File URIs become paths (for name-based detection and relative model paths); others stay as they are. */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

/** Open documents whose single-range edits are reported to the store (for incremental re-parsing). */
export function trackedDocuments(store: DocumentStore): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(doc, changes, version) {
      const only = changes.length === 1 ? changes[0] : undefined;
      const edit = only && TextDocumentContentChangeEvent.isIncremental(only) ? { span: { start: doc.offsetAt(only.range.start), end: doc.offsetAt(only.range.end) }, newText: only.text } : undefined;
      store.recordChange(doc.uri, { from: doc.version, to: version, edit });
      return TextDocument.update(doc, changes, version);
    },
  });
}
