/**
 * Completion: runs every completion provider (completionProviders.ts) at the cursor and merges their
 * answers, the earlier provider winning when two offer the same label. Providers read the cursor
 * context (path, key or value mode, keys present), the schema and, lazily, the plan and the model.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import type { Architecture } from '../models/types';
import { parseText } from '../parse/parse';
import { toValue } from '../parse/tree';
import type { TrainingPlan } from '../plan';
import type { JsonSchema } from '../schema/types';
import type { FormatId, Span, TextEdit } from '../types';
import { COMPLETION_PROVIDERS } from './completionProviders';
import type { CursorContext } from './cursor';
import { cursorContext } from './cursor';
import { methodSnippets } from './completeSnippets';

export type { CursorContext } from './cursor';

export interface Completion {
  label: string;
  kind: 'key' | 'value' | 'snippet' | 'module' | 'model' | 'method';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a VS Code snippet when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  /** The text the completion replaces (the word being typed). */
  span: Span;
  /** Sorts before other items (e.g. the schema default, the current model's modules). */
  preselect?: boolean;
  /** Edits elsewhere in the file that come with the item (a method snippet removing the old method's keys). */
  additionalEdits?: TextEdit[];
  /** Order among the items (the editor sorts by its own match score first): the best match of the typed text first. */
  sortText?: string;
}

/** What a provider sees. `plan()` and `model()` are computed on first use and shared. */
export interface CompletionRequest {
  doc: ConfigDoc;
  format: FormatId;
  offset: number;
  ctx: Context;
  cursor: CursorContext;
  schema?: JsonSchema;
  plan(): TrainingPlan;
  model(): Promise<Architecture | undefined>;
}

export type CompletionProvider = (req: CompletionRequest) => Completion[] | Promise<Completion[]>;

export async function completeAt(doc: ConfigDoc, offset: number, ctx: Context): Promise<Completion[]> {
  if (doc.skipped) return [];
  // Method snippets: the start of a blank file, or a method merged into a recognised one; nothing elsewhere.
  const snippets = await methodSnippets(doc, offset, ctx);
  if (!doc.format) return snippets;
  const cursor = cursorContext(doc, offset);
  if (!cursor) return snippets;
  const req = request(doc, doc.format, offset, ctx, cursor);
  const out: Completion[] = [];
  const seen = new Set<string>();
  for (const provider of COMPLETION_PROVIDERS) {
    for (const c of await provider(req)) {
      const id = `${c.kind === 'key' ? 'k' : 'v'}:${c.label}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(c);
    }
  }
  return typedValueIsComplete(doc, cursor, out) ? [] : [...out, ...snippets];
}

/**
 * A value already written as one of the values offered needs no popup: an open popup would take the
 * Enter meant to end the line (`load_in_4bit: True` would become `true` instead of a new line). Compared
 * as the file's parser reads both, so PyYAML's `True` is the boolean `true`.
 */
function typedValueIsComplete(doc: ConfigDoc, cursor: CursorContext, items: Completion[]): boolean {
  if (cursor.mode !== 'value' && !cursor.itemValue) return false;
  const typed = doc.text.slice(cursor.span.start, cursor.span.end);
  if (typed.trim() === '') return false;
  const read = (text: string) => JSON.stringify(toValue(parseText(text, doc.syntax).root));
  const value = read(typed);
  return items.some((c) => c.kind !== 'key' && c.kind !== 'snippet' && (c.insertText === typed || read(c.insertText) === value));
}

function request(doc: ConfigDoc, format: FormatId, offset: number, ctx: Context, cursor: CursorContext): CompletionRequest {
  let plan: TrainingPlan | undefined;
  let model: Promise<Architecture | undefined> | undefined;
  const getPlan = () => (plan ??= FORMATS[format].extract(doc));
  return {
    doc,
    format,
    offset,
    ctx,
    cursor,
    schema: FORMATS[format].schema(doc),
    plan: getPlan,
    model: () =>
      (model ??= (async () => {
        const ref = getPlan().model?.value;
        if (!ref || !ctx.models) return undefined;
        return (await ctx.models.resolve(ref, doc.path)).architecture;
      })()),
  };
}
