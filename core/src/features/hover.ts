/** Hover: what a key means (type, default, allowed values, deprecation) from the format's schema. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import { torchtuneHover } from '../formats/torchtune/editor';
import type { Path } from '../parse/tree';
import { keyText, locate } from '../parse/tree';
import { schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Span } from '../types';

export interface HoverResult {
  markdown: string;
  span: Span;
}

export async function hoverAt(doc: ConfigDoc, offset: number, _ctx: Context): Promise<HoverResult | null> {
  if (!doc.format || !doc.root) return null;
  // torchtune: `_component_` paths and their arguments are described from the component catalog.
  const component = doc.format === 'torchtune' ? torchtuneHover(doc, offset) : null;
  if (component) return component;
  const loc = locate(doc.root, offset);
  if (!loc.entry) return null;
  const schema = FORMATS[doc.format].schema(doc);
  if (!schema) return null;
  const keyPath = trimToKey(loc.path);
  const schemas = schemasAt(schema, keyPath);
  if (schemas.length === 0) return null;
  const value = !loc.onKey && loc.node?.kind === 'scalar' ? loc.node.value : undefined;
  const markdown = describeKey(keyText(loc.entry), schemas, value);
  const span = loc.onKey || !loc.node ? loc.entry.key.span : loc.node.span;
  return markdown ? { markdown, span } : null;
}

/** A path ending at the innermost key (sequence indices after it are dropped). */
export function trimToKey(path: Path): Path {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}

export function describeKey(key: string, schemas: JsonSchema[], value?: unknown): string {
  const s = schemas[0];
  const lines: string[] = [];
  const facts = [`**\`${key}\`**`];
  const type = schemas.map(typeName).find(Boolean);
  if (type) facts.push(type);
  const withDefault = schemas.find((x) => x.default !== undefined);
  if (withDefault) facts.push(`default \`${JSON.stringify(withDefault.default)}\``);
  lines.push(facts.join(' · '));
  const description = schemas.map((x) => x.markdownDescription ?? x.description).find(Boolean);
  if (description) lines.push('', description);
  const enumDocs = s['x-enum-docs']?.[String(value)];
  if (value !== undefined && enumDocs?.description) lines.push('', `\`${String(value)}\`: ${enumDocs.description}`);
  const values = schemas.flatMap((x) => x.enum ?? []).filter((v) => v !== null);
  if (values.length > 0 && values.length <= 40) lines.push('', `Allowed: ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  const deprecated = schemas.find((x) => x.deprecated);
  if (deprecated) lines.push('', `**Deprecated.** ${deprecated.deprecationMessage ?? (deprecated['x-replaced-by'] ? `Use \`${deprecated['x-replaced-by']}\`.` : '')}`.trim());
  return lines.join('\n');
}

function typeName(s: JsonSchema): string | undefined {
  const types = s.type ? (Array.isArray(s.type) ? s.type : [s.type]) : (s.anyOf ?? s.oneOf ?? []).flatMap((b) => (b.type ? [b.type].flat() : []));
  const names = types.filter((t) => t !== 'null').map((t) => ({ integer: 'integer', number: 'number', string: 'string', boolean: 'boolean', array: 'list', object: 'mapping' })[t] ?? t);
  return names.length ? [...new Set(names)].join(' | ') : undefined;
}
