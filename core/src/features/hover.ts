/**
 * Hover: what a key means (type, default, allowed values, deprecation) from the format's schema, the
 * papers behind the method it selects, and, where the key feeds the estimate, the numbers it drives:
 * the resolved architecture on the model key, trainable parameters and peak memory on rank, target,
 * batch and sequence keys, each with what it was computed from.
 */
import type { Context } from '../context';
import { paperDocs, paperMarkdown } from '../docs/paperDocs';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import type { Entry, Path } from '../parse/tree';
import { getEntry, keyText, locate } from '../parse/tree';
import { schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Span } from '../types';
import { estimateSection } from './hoverEstimate';
import { modelSection } from './hoverModel';
import { HOVER_PROVIDERS } from './hoverProviders';
import { historySection } from './hoverHistory';
import { stackHover } from './hoverStack';

export interface HoverResult {
  markdown: string;
  span: Span;
}

export async function hoverAt(doc: ConfigDoc, offset: number, ctx: Context): Promise<HoverResult | null> {
  if (!doc.format || !doc.root || doc.skipped) return null;
  const loc = locate(doc.root, offset);
  const keyPath = trimToKey(loc.path);
  const entry = loc.entry ?? getEntry(doc.root, keyPath);
  // The first line also tells which stack the file is checked against (a `# peft-lens:` comment has no key).
  const stack = await stackHover(doc, offset, ctx);
  if (!entry) return stack;
  const format = FORMATS[doc.format];
  const schema = format.schema(doc);
  const schemas = schema ? schemasAt(schema, keyPath) : [];
  const value = entryScalar(entry);
  const hoveredValue = !loc.onKey && loc.node?.kind === 'scalar' ? loc.node.value : undefined;
  const plan = format.extract(doc);
  const peftType = typeof plan.peft?.peft_type === 'string' ? plan.peft.peft_type : undefined;
  const key = keyText(entry);
  const special = await formatHover(doc, offset, ctx);
  const sections = [
    special?.markdown ?? (schemas.length ? describeKey(key, schemas, hoveredValue ?? value) : ''),
    keyPath.length === 1 ? await historySection(doc, key, ctx) : '',
    paperMarkdown(paperDocs({ format: doc.format, key, value, schemas, peftType })),
    await modelSection(doc, plan, keyPath, ctx),
    await estimateSection(doc, plan, keyPath, ctx),
    stack?.markdown,
  ].filter(Boolean);
  if (sections.length === 0) return null;
  const span = special?.span ?? (loc.onKey || !loc.node ? entry.key.span : loc.node.span);
  return { markdown: sections.join('\n\n---\n\n'), span };
}

async function formatHover(doc: ConfigDoc, offset: number, ctx: Context): Promise<HoverResult | null> {
  for (const provider of HOVER_PROVIDERS) {
    const hit = await provider(doc, offset, ctx);
    if (hit) return hit;
  }
  return null;
}

function entryScalar(entry: Entry): unknown {
  return entry.value?.kind === 'scalar' ? entry.value.value : undefined;
}

/** A path ending at the innermost key (sequence indices after it are dropped). */
export function trimToKey(path: Path): Path {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}

export function describeKey(key: string, schemas: JsonSchema[], value?: unknown): string {
  const lines: string[] = [];
  const facts = [`**\`${key}\`**`];
  const type = schemas.map(typeName).find(Boolean);
  if (type) facts.push(type);
  const withDefault = schemas.find((x) => x.default !== undefined);
  if (withDefault) facts.push(`default \`${JSON.stringify(withDefault.default)}\``);
  const since = schemas.map((x) => x['x-since']).find(Boolean);
  if (since) facts.push(`since ${since}`);
  lines.push(facts.join(' · '));
  const description = schemas.map((x) => x.markdownDescription ?? x.description).find(Boolean);
  if (description) lines.push('', description);
  const enumDocs = value === undefined ? undefined : schemas.map((x) => x['x-enum-docs']?.[String(value)]).find(Boolean);
  if (enumDocs?.description) lines.push('', `\`${String(value)}\`: ${enumDocs.description}`);
  const values = [...new Set(schemas.flatMap(enumValues))];
  if (values.length > 0 && values.length <= 40) lines.push('', `Allowed: ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  const range = rangeWords(schemas);
  if (range) lines.push('', range);
  const deprecated = schemas.find((x) => x.deprecated);
  if (deprecated) lines.push('', `**Deprecated.** ${deprecated.deprecationMessage ?? (deprecated['x-replaced-by'] ? `Use \`${deprecated['x-replaced-by']}\`.` : '')}`.trim());
  return lines.join('\n');
}

function enumValues(s: JsonSchema): unknown[] {
  const own = [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : [])];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((b) => [...(b.enum ?? []), ...(b.const !== undefined ? [b.const] : [])]);
  return [...own, ...branches].filter((v) => v !== null);
}

function rangeWords(schemas: JsonSchema[]): string | undefined {
  const s = schemas.find((x) => x.minimum !== undefined || x.maximum !== undefined || x.exclusiveMinimum !== undefined || x.exclusiveMaximum !== undefined);
  if (!s) return undefined;
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
  return `Range: ${parts.join(', ')}`;
}

function typeName(s: JsonSchema): string | undefined {
  const types = s.type ? (Array.isArray(s.type) ? s.type : [s.type]) : (s.anyOf ?? s.oneOf ?? []).flatMap((b) => (b.type ? [b.type].flat() : []));
  const names = types.filter((t) => t !== 'null').map((t) => ({ integer: 'integer', number: 'number', string: 'string', boolean: 'boolean', array: 'list', object: 'mapping' })[t] ?? t);
  return names.length ? [...new Set(names)].join(' | ') : undefined;
}
