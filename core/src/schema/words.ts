/** Schema types and values in words, for messages ("must be an integer, not the string "8""). */
import { resolveRef } from './lookup';
import type { JsonSchema } from './types';

/** JSON Schema type name of a plain value. */
export function jsonType(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

/** `integer,string` → "an integer or a string". */
export function typeWords(expected: string): string {
  return expected
    .split(',')
    .map((t) => TYPE_WORDS[t.trim()] ?? t)
    .join(' or ');
}

/** What the branches of an anyOf/oneOf accept, in words. */
export function alternativesWords(sub: JsonSchema, root: JsonSchema): string {
  const parts: string[] = [];
  for (const branch of [...(sub.anyOf ?? []), ...(sub.oneOf ?? [])]) {
    const b = resolveRef(root, branch);
    if (b.enum) parts.push(b.enum.map((v) => `\`${String(v)}\``).join(', '));
    else if (b.const !== undefined) parts.push(`\`${String(b.const)}\``);
    else if (b.type) {
      const t = Array.isArray(b.type) ? b.type.join(',') : b.type;
      const items = b.items && !Array.isArray(b.items) ? resolveRef(root, b.items) : undefined;
      parts.push(t === 'array' && items?.type ? `a list of ${typeWords(String(items.type)).replace(/^an? /, '')}s` : typeWords(t));
    }
  }
  return [...new Set(parts)].join(' or ') || 'a different value';
}

/** A value as a message quotes it (long strings cut). */
export function valueWords(data: unknown): string {
  if (data === null || data === undefined) return 'empty (null)';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the string "${data.length > 40 ? `${data.slice(0, 40)}…` : data}"`;
  return String(data);
}
