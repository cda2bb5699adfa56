/**
 * Insert Fine-Tuning Method as a merge: the chosen method's snippet goes into the file, the old
 * method's keys (docs/methodKeys.ts) are replaced or removed, and every other key (model, data,
 * training) stays as written. Where the file already sets a key the snippet writes, the file's value
 * wins when the snippet leaves it to the user (a tabstop: `lora_r`, `base_model`, the target modules),
 * and the snippet's when it is what the method means (`adapter: qlora`, `use_dora: true`). The result
 * is checked: errors it has that the file did not are the conflicts a user is asked about, with the
 * method's own defaults as the alternative.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { openDocument } from '../document';
import { familyOf, METHOD_KEYS, PEFT_COMMON, PEFT_VARIANT } from '../docs/methodKeys';
import { methodsFor } from '../docs/methods';
import type { SnippetEntry } from '../docs/snippetTemplate';
import { captureStops, escapeSnippet, fillStops, jsonSnippetEntries, yamlSnippetEntries } from '../docs/snippetTemplate';
import { expandSnippet, snippetsOf } from '../docs/snippets';
import type { Snippet } from '../docs/snippets';
import { isV1 } from '../formats/llamaFactory/layout';
import { FORMATS } from '../formats/registry';
import { parseText } from '../parse/parse';
import type { Entry, MapNode } from '../parse/tree';
import { findEntry, getNode, keyText, toValue } from '../parse/tree';
import { knownKeys } from '../schema/lookup';
import type { FormatId, Span, TextEdit } from '../types';
import { check } from './check';

export interface InsertOptions {
  /** The tool the user chose for a file whose format is not recognised (an empty file, a new one). */
  format?: FormatId;
  /** The cursor: new keys go on its line when the line is empty and the file has no method yet. */
  cursor?: number;
  /** A completion's word: new top-level keys always replace it (the user typed the snippet there). */
  replace?: Span;
  /** Completion cannot ask: leave out the check of the result. */
  skipConflicts?: boolean;
}

export interface MethodInsertion {
  format: FormatId;
  method: string;
  /** Plain edits of the original text (values replaced, old method keys removed), not overlapping. */
  edits: TextEdit[];
  /** The new keys, in VS Code snippet syntax, replacing `span` of the original text. */
  snippet: { span: Span; body: string };
  /** `snippet.span` once `edits` are applied (an editor applies the edits, then the snippet). */
  snippetSpanAfterEdits: Span;
  added: string[];
  replaced: string[];
  removed: string[];
  /** Errors the result has that the file did not (a real conflict to ask about). */
  conflicts: string[];
}

export type InsertionAnswer = { ok: true; merge: MethodInsertion; defaults?: MethodInsertion } | { ok: false; reason: string };

type Plan = Omit<MethodInsertion, 'conflicts' | 'snippetSpanAfterEdits'>;

export async function insertMethod(doc: ConfigDoc, methodId: string, ctx: Context, options: InsertOptions = {}): Promise<InsertionAnswer> {
  const format = doc.format ?? options.format;
  if (!format) return { ok: false, reason: 'Not a recognised fine-tuning config: choose the tool it is for first.' };
  if (format === 'llamafactory' && doc.format && isV1(doc)) {
    return { ok: false, reason: 'This LLaMA-Factory config uses the v1 layout (`peft_config:`), which the method snippets (v0 keys) do not write.' };
  }
  // adapter_config.json is written anew: a JSON file that is something else (package.json) must not be.
  if (!doc.format && doc.syntax === 'json' && doc.text.trim() !== '') {
    return { ok: false, reason: 'This JSON file is not a PEFT adapter_config.json; a method goes into an empty file or an adapter_config.json.' };
  }
  if (doc.syntaxIssues.some((i) => i.severity === 'error')) {
    return { ok: false, reason: 'The file has syntax errors; fix them first, so that the merge knows which keys the file has.' };
  }
  const item = methodsFor(format).find((m) => m.id === methodId);
  if (!item?.snippet) return { ok: false, reason: item?.reason ?? `Unknown method: ${methodId}.` };
  const plan = (keepUser: boolean) =>
    format === 'peft-adapter' ? planJson(doc, methodId, item.snippet!, keepUser, ctx) : planYaml(doc, format, methodId, item.snippet!, keepUser, options);
  const merge = await finish(doc, plan(true), ctx, !options.skipConflicts);
  if (merge.conflicts.length === 0) return { ok: true, merge };
  const defaults = await finish(doc, plan(false), ctx, true);
  return applyInsertion(doc.text, defaults) === applyInsertion(doc.text, merge) ? { ok: true, merge } : { ok: true, merge, defaults };
}

/** The text after the plain edits alone (where the editor inserts the snippet). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** The text after the insertion, every tabstop keeping its default (what the editor shows before typing). */
export function applyInsertion(text: string, ins: Pick<MethodInsertion, 'edits' | 'snippet' | 'snippetSpanAfterEdits'>): string {
  const out = applyEdits(text, ins.edits);
  const s = ins.snippetSpanAfterEdits;
  return out.slice(0, s.start) + expandSnippet(ins.snippet.body) + out.slice(s.end);
}

async function finish(doc: ConfigDoc, plan: Plan, ctx: Context, checked: boolean): Promise<MethodInsertion> {
  let ins: MethodInsertion = { ...plan, snippetSpanAfterEdits: mapSpan(plan.snippet.span, plan.edits), conflicts: [] };
  if (doc.format && !checked) return ins;
  let merged = reopen(doc, applyInsertion(doc.text, ins), ctx);
  // A new file the snippet alone does not identify says which tool it is for in its first line.
  if (!doc.format && merged.format !== plan.format && doc.syntax === 'yaml') {
    const edits = [{ span: { start: 0, end: 0 }, newText: `# peft-lens: format=${plan.format}\n` }, ...plan.edits];
    ins = { ...ins, edits, snippetSpanAfterEdits: mapSpan(plan.snippet.span, edits) };
    merged = reopen(doc, applyInsertion(doc.text, ins), ctx);
  }
  if (!checked) return ins;
  const errorKeys = (issues: { severity: string; code: string; span: Span }[], text: string) =>
    issues.filter((i) => i.severity === 'error').map((i) => `${i.code}|${text.slice(i.span.start, i.span.end)}`);
  // Not conflicts: errors the file had, and those of the method's snippet on its own (a new config without data yet).
  const alone = reopen(doc, expandSnippet(methodsFor(plan.format).find((m) => m.id === plan.method)!.snippet!.body), ctx);
  const before = [...(doc.format ? errorKeys(await check(doc, ctx), doc.text) : []), ...errorKeys(await check(alone, ctx), alone.text)];
  const afterIssues = (await check(merged, ctx)).filter((i) => i.severity === 'error');
  const conflicts: string[] = [];
  for (const issue of afterIssues) {
    const [key] = errorKeys([issue], merged.text);
    const at = before.indexOf(key);
    if (at >= 0) before.splice(at, 1);
    else conflicts.push(issue.message);
  }
  return { ...ins, conflicts };
}

function reopen(doc: ConfigDoc, text: string, ctx: Context): ConfigDoc {
  return openDocument(doc.path, text, ctx.settings, doc.syntax);
}

/** Where a span of the original text lies once `edits` (none inside it) are applied. */
function mapSpan(span: Span, edits: TextEdit[]): Span {
  const shift = (offset: number) => edits.filter((e) => e.span.end <= offset).reduce((d, e) => d + e.newText.length - (e.span.end - e.span.start), 0);
  return { start: span.start + shift(span.start), end: span.end + shift(span.start) };
}

/** The same key's template in every snippet of the format: the user's value is read through the one it fits. */
function templatesOf(format: FormatId, key: string, scoped: boolean): string[] {
  return snippetsOf(format).flatMap((s) => {
    const entries = format === 'peft-adapter' ? jsonSnippetEntries(s.body).entries : yamlSnippetEntries(s.body).entries;
    const inScope = scoped ? entries.flatMap((e) => e.children) : entries;
    return inScope.filter((e) => e.key === key).map((e) => e.template);
  });
}

/** The value as the file writes it, quotes included (a quoted scalar's span is its content). */
function rawValue(doc: ConfigDoc, e: Entry): string {
  if (!e.value) return '';
  let { start, end } = e.value.span;
  const q = doc.text[start - 1];
  if (e.value.kind === 'scalar' && e.value.quoted && (q === '"' || q === "'") && doc.text[end] === q) {
    start--;
    end++;
  }
  return doc.text.slice(start, end).trim();
}

/** The value the snippet would write for a key the file already has: the file's own where the snippet leaves it open. */
function valueFor(doc: ConfigDoc, s: SnippetEntry, user: Entry, templates: string[], keepUser: boolean): { template: string; same: boolean } {
  const stops = keepUser ? captureStops(rawValue(doc, user), templates.length ? templates : [s.template]) : undefined;
  const template = stops ? fillStops(s.template, stops) : s.template;
  const written = parseText(`${JSON.stringify(s.key)}: ${expandSnippet(template)}`, doc.syntax === 'json' ? 'yaml' : doc.syntax).root;
  const value = written?.kind === 'map' ? toValue(written.entries[0]?.value ?? null) : undefined;
  return { template, same: JSON.stringify(value) === JSON.stringify(toValue(user.value)) };
}

function lineStart(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of an entry's last line, past its newline (trailing comments on that line included). */
function lineEnd(text: string, entry: Entry): number {
  let end = entry.span.end;
  while (end > entry.span.start && /\s/.test(text[end - 1])) end--;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

function valueEnd(text: string, entry: Entry): number {
  let end = entry.span.end;
  while (end > entry.span.start && /\s/.test(text[end - 1])) end--;
  return end;
}

function planYaml(doc: ConfigDoc, format: Exclude<FormatId, 'peft-adapter'>, method: string, snippet: Snippet, keepUser: boolean, options: InsertOptions): Plan {
  const keys = METHOD_KEYS[format];
  const text = doc.text;
  const parsed = yamlSnippetEntries(snippet.body);
  const scopeNode = keys.scope.length ? getNode(doc.root, keys.scope) : doc.root;
  const scopeMap = scopeNode?.kind === 'map' ? (scopeNode as MapNode) : undefined;
  // torchtune's method lives in `model:`; when the file has that block, the snippet's children merge into it.
  const outer = keys.scope.length ? parsed.entries.find((e) => e.key === keys.scope[0]) : undefined;
  const scoped = !!(outer && scopeMap && scopeMap.entries.length);
  const entries = scoped ? outer!.children : parsed.entries;
  const userEntries = scoped || !keys.scope.length ? (scopeMap?.entries ?? []) : [];
  const family = familyOf(method);
  const snippetKeys = new Set(entries.map((e) => e.key));
  const snippetTargets = entries.some((e) => keys.targets.has(e.key));
  const keepTargets = keepUser && snippetTargets && userEntries.some((e) => keys.targets.has(keyText(e)));
  const isMethodKey = (k: string) => keys.variant.has(k) || keys.family(k) !== undefined;

  const edits: TextEdit[] = [];
  const block: string[] = [];
  const added: string[] = [];
  const replaced: string[] = [];
  const removed: string[] = [];
  const anchors: number[] = [];
  const kept: number[] = [];
  const remove = (e: Entry) => {
    const span = { start: lineStart(text, e.key.span.start), end: lineEnd(text, e) };
    edits.push({ span, newText: '' });
    anchors.push(span.start);
    removed.push(keyText(e));
  };
  const copiesOf = (k: string) => userEntries.filter((e) => keyText(e) === k);

  for (const s of entries) {
    const copies = copiesOf(s.key);
    const user = copies.pop();
    // The loader keeps the last copy of a repeated key (or refuses the file): the earlier ones go.
    copies.forEach(remove);
    if (keys.targets.has(s.key) && keepTargets) {
      if (user) kept.push(lineEnd(text, user));
      continue;
    }
    if (!user) {
      block.push(s.text);
      added.push(s.key);
      continue;
    }
    const { template, same } = valueFor(doc, s, user, templatesOf(format, s.key, scoped), keepUser || !isMethodKey(s.key));
    if (same) {
      if (isMethodKey(s.key)) kept.push(lineEnd(text, user));
      continue;
    }
    edits.push({ span: { start: user.key.span.start, end: valueEnd(text, user) }, newText: `${s.key}: ${expandSnippet(template)}` });
    kept.push(lineEnd(text, user));
    replaced.push(s.key);
  }
  // torchtune: a `model:` that is not a builder block yet (empty, a scalar) gives way to the snippet's.
  if (keys.scope.length && !scoped && doc.root?.kind === 'map') doc.root.entries.filter((e) => keyText(e) === keys.scope[0]).forEach(remove);
  for (const k of new Set(userEntries.map(keyText))) {
    if (snippetKeys.has(k)) continue;
    const fam = keys.family(k);
    const dropTarget = keys.targets.has(k) && snippetTargets && !keepTargets;
    const keepTarget = keys.targets.has(k) && keepTargets;
    if (!keepTarget && (keys.variant.has(k) || (fam && fam !== family) || dropTarget)) copiesOf(k).forEach(remove);
    else if (fam) kept.push(lineEnd(text, copiesOf(k).pop()!));
  }

  const indent = scoped ? (/^\s*/.exec(text.slice(lineStart(text, userEntries[0].key.span.start), userEntries[0].key.span.start))![0] || '  ') : '';
  const lines = [...(!scoped && block.length && !text.includes(parsed.comments.join('\n')) ? parsed.comments : []), ...block.map((l) => indent + l.trimStart())];
  edits.sort((a, b) => a.span.start - b.span.start);
  // New keys follow the method's keys that stay (LoRA → QLoRA), else take the place of the ones removed.
  const nextToMethod = kept.length ? [Math.max(...kept)] : anchors;
  const span = blockSpan(doc, options, keys.scope.length === 0 || !scoped, nextToMethod, scoped ? lineEnd(text, userEntries[userEntries.length - 1]) : undefined);
  return { format, method, edits, snippet: { span: span.span, body: lines.length ? span.wrap(lines.join('\n')) : '' }, added, replaced, removed };
}

/** Where new keys go, and the newlines around them there. */
function blockSpan(doc: ConfigDoc, options: InsertOptions, topLevel: boolean, anchors: number[], scopeEnd: number | undefined): { span: Span; wrap(body: string): string } {
  const text = doc.text;
  const asLine = (span: Span) => ({ span, wrap: (b: string) => b });
  if (options.replace && topLevel) return asLine(options.replace);
  if (anchors.length) {
    const at = Math.min(...anchors);
    return { span: { start: at, end: at }, wrap: (b) => (at > 0 && text[at - 1] !== '\n' ? `\n${b}\n` : `${b}\n`) };
  }
  if (options.cursor !== undefined && topLevel) {
    const start = lineStart(text, options.cursor);
    const nl = text.indexOf('\n', options.cursor);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(start, end).trim() === '') return asLine({ start, end });
  }
  const at = scopeEnd ?? text.length;
  return { span: { start: at, end: at }, wrap: (b) => (at > 0 && text[at - 1] !== '\n' ? `\n${b}\n` : `${b}\n`) };
}

/** adapter_config.json is one object: it is written anew, the file's kept values verbatim in the snippet's order. */
function planJson(doc: ConfigDoc, method: string, snippet: Snippet, keepUser: boolean, ctx: Context): Plan {
  const root = doc.root?.kind === 'map' ? doc.root : undefined;
  const parsed = jsonSnippetEntries(snippet.body);
  const fresh = openDocument('/adapter_config.json', expandSnippet(snippet.body), ctx.settings);
  const declared = knownKeys(FORMATS['peft-adapter'].schema(fresh)!, []);
  const snippetKeys = new Set(parsed.entries.map((e) => e.key));
  const verbatim = (e: Entry) => `  ${JSON.stringify(keyText(e))}: ${escapeSnippet(rawValue(doc, e))}`;
  const lines: string[] = [];
  const added: string[] = [];
  const replaced: string[] = [];
  const removed: string[] = [];
  for (const s of parsed.entries) {
    const user = root && findEntry(root, s.key);
    if (!user) {
      lines.push(s.text);
      added.push(s.key);
      continue;
    }
    const userOwned = keepUser || PEFT_COMMON.has(s.key);
    if (s.key === 'target_modules' && userOwned) {
      lines.push(verbatim(user));
      continue;
    }
    const { template, same } = valueFor(doc, s, user, templatesOf('peft-adapter', s.key, false), userOwned);
    if (same) lines.push(verbatim(user));
    else {
      lines.push(`  ${JSON.stringify(s.key)}: ${template}`);
      replaced.push(s.key);
    }
  }
  for (const e of root?.entries ?? []) {
    const k = keyText(e);
    if (snippetKeys.has(k) || findEntry(root!, k) !== e) continue;
    if (!PEFT_VARIANT.has(k) && (PEFT_COMMON.has(k) || declared.has(k))) lines.push(verbatim(e));
    else removed.push(k);
  }
  const end = doc.text.length;
  const body = `{\n${lines.join(',\n')}\n}${doc.text.endsWith('\n') || end === 0 ? '\n' : ''}`;
  return { format: 'peft-adapter', method, edits: [], snippet: { span: { start: 0, end }, body }, added, replaced, removed };
}
