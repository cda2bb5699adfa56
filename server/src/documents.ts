/**
 * Parse once per (uri, version): a small LRU of ConfigDocs and their issues, dropped on close and
 * cleared when settings change. Bounded, so a session with many files open cannot grow without end.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigDoc, Context, Issue } from '../../core/src/index';
import { check, openDocument } from '../../core/src/index';

interface Entry {
  version: number;
  doc: ConfigDoc;
  issues?: Promise<Issue[]>;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

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

  drop(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(text: TextDocument): Entry {
    const hit = this.entries.get(text.uri);
    if (hit && hit.version === text.version) {
      // Re-insert to mark as most recently used.
      this.entries.delete(text.uri);
      this.entries.set(text.uri, hit);
      return hit;
    }
    const doc = openDocument(uriToPath(text.uri), text.getText(), this.context().settings, text.languageId);
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
