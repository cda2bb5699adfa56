/**
 * Schema completion: the keys a mapping may still take (with a snippet that opens nested maps and
 * lists, and offers enum choices and the default), and the values a key allows.
 */
import { paperDocs } from '../docs/paperDocs';
import { knownKeys, resolveRef, schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Completion, CompletionRequest } from './complete';
import { lastKey, scalarText, snippetEscape } from './completeText';

export function schemaKeys(req: CompletionRequest): Completion[] {
  const { cursor, schema } = req;
  if (cursor.mode !== 'key' || !schema) return [];
  const out: Completion[] = [];
  for (const [key, sub] of knownKeys(schema, cursor.path)) {
    if (cursor.present.has(key) || sub.deprecated) continue;
    const alts = [sub, ...(sub.anyOf ?? []), ...(sub.oneOf ?? [])].map((s) => resolveRef(schema, s));
    const insertText = req.doc.syntax === 'json' ? jsonKey(key, alts, !!cursor.needsComma) : yamlKey(key, alts, cursor.column);
    out.push({ label: key, kind: 'key', detail: typeLabel(alts), documentation: keyDoc(sub), insertText, snippet: true, span: cursor.span });
  }
  return out;
}

export function schemaValues(req: CompletionRequest): Completion[] {
  const { cursor, schema } = req;
  if (!schema || (cursor.mode !== 'value' && !cursor.itemValue)) return [];
  const schemas = schemasAt(schema, cursor.path).flatMap((s) => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((b) => resolveRef(schema, b)));
  const values = new Set<unknown>();
  for (const s of schemas) {
    for (const v of [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : [])]) values.add(v);
    if ([s.type].flat().includes('boolean')) [true, false].forEach((v) => values.add(v));
  }
  const key = lastKey(cursor.path);
  const defaults = schemas.map((s) => s.default).filter((d) => d !== undefined);
  return [...values]
    .filter((v) => v !== null)
    .map((v) => ({
      label: String(v),
      kind: 'value' as const,
      documentation: valueDoc(req, schemas, key, v),
      insertText: scalarText(v, req.doc.syntax, !!cursor.flow),
      span: cursor.span,
      ...(defaults.some((d) => d === v) ? { preselect: true, detail: 'default' } : {}),
    }));
}

function valueDoc(req: CompletionRequest, schemas: JsonSchema[], key: string | undefined, v: unknown): string | undefined {
  const parts: string[] = [];
  const docs = schemas.map((s) => s['x-enum-docs']?.[String(v)]).find(Boolean);
  if (docs?.description) parts.push(docs.description);
  if (key) {
    const papers = paperDocs({ format: req.format, key, value: v, schemas, peftType: undefined }).papers;
    for (const p of papers) parts.push(`[${p.title}](${p.url})${p.why ? ` — ${p.why}` : ''}`);
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

function keyDoc(s: JsonSchema): string | undefined {
  const text = s.markdownDescription ?? s.description;
  const def = s.default !== undefined ? `Default: \`${JSON.stringify(s.default)}\`` : '';
  return [text, def].filter(Boolean).join('\n\n') || undefined;
}

type Shape = 'object' | 'array' | 'boolean' | 'enum' | 'scalar';

function shapeOf(alts: JsonSchema[]): { shape: Shape; choices: unknown[]; default?: unknown } {
  const def = alts.find((s) => s.default !== undefined && s.default !== null)?.default;
  const choices = alts.flatMap((s) => s.enum ?? []).filter((v) => v !== null);
  if (choices.length) return { shape: 'enum', choices, default: def };
  const types = alts.flatMap((s) => [s.type ?? (s.properties ? 'object' : undefined)].flat()).filter((t): t is string => !!t && t !== 'null');
  const shape: Shape = types[0] === 'object' ? 'object' : types[0] === 'array' ? 'array' : types[0] === 'boolean' ? 'boolean' : 'scalar';
  return { shape, choices: shape === 'boolean' ? [true, false] : [], default: def };
}

/** Choices with the default first, as a snippet choice `${1|a,b|}`. */
function choice(choices: unknown[], def: unknown, render: (v: unknown) => string): string {
  const ordered = def !== undefined && choices.includes(def) ? [def, ...choices.filter((c) => c !== def)] : choices;
  return `\${1|${ordered.map((c) => render(c).replace(/[,|\\$}]/g, (m) => `\\${m}`)).join(',')}|}`;
}

function yamlKey(key: string, alts: JsonSchema[], column: number): string {
  const { shape, choices, default: def } = shapeOf(alts);
  const child = ' '.repeat(column + 2);
  const k = snippetEscape(key);
  switch (shape) {
    case 'object':
      return `${k}:\n${child}$0`;
    case 'array':
      return `${k}:\n${child}- $0`;
    case 'boolean':
    case 'enum':
      return `${k}: ${choice(choices, def, (v) => scalarText(v, 'yaml', false))}`;
    default:
      return def !== undefined && typeof def !== 'object' ? `${k}: \${1:${snippetEscape(scalarText(def, 'yaml', false))}}` : `${k}: $0`;
  }
}

function jsonKey(key: string, alts: JsonSchema[], comma: boolean): string {
  const { shape, choices, default: def } = shapeOf(alts);
  const types = alts.flatMap((s) => [s.type].flat());
  const value =
    shape === 'object' ? '{$0}'
    : shape === 'array' ? '[$0]'
    : shape === 'boolean' || shape === 'enum' ? choice(choices, def, (v) => JSON.stringify(v))
    : def !== undefined && typeof def !== 'object' ? `\${1:${snippetEscape(JSON.stringify(def))}}`
    : types.includes('string') ? '"$1"'
    : '$1';
  return `${JSON.stringify(key)}: ${value}${comma ? ',' : ''}`;
}

function typeLabel(alts: JsonSchema[]): string | undefined {
  const types = [...new Set(alts.flatMap((s) => [s.type].flat()).filter((t): t is string => !!t && t !== 'null'))];
  return types.length ? types.join(' | ') : undefined;
}
