/**
 * Schema navigation for hover and completion: the schema that governs a path, with `$ref`,
 * `allOf` and `if/then` folded in, and the keys a mapping may hold.
 */
import type { Path } from '../parse/tree';
import type { JsonSchema } from './types';

export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 16; hops++) {
    const m = /^#\/(definitions|\$defs)\/(.+)$/.exec(s.$ref);
    const target = m ? (root as Record<string, Record<string, JsonSchema> | undefined>)[m[1]]?.[decodeURIComponent(m[2])] : undefined;
    if (!target) break;
    const { $ref: _ref, ...rest } = s;
    s = { ...target, ...rest };
  }
  return s;
}

/** Every alternative a value at this schema may follow (branches of anyOf/oneOf, allOf parts). */
export function alternatives(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
  const s = resolveRef(root, schema);
  const out: JsonSchema[] = [s];
  for (const part of s.allOf ?? []) out.push(...alternatives(root, part));
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) out.push(...alternatives(root, branch));
  if (s.then) out.push(...alternatives(root, s.then));
  if (s.else) out.push(...alternatives(root, s.else));
  return out;
}

/** The schemas describing a property of a mapping governed by `schema`. */
export function propertySchemas(root: JsonSchema, schema: JsonSchema, key: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const alt of alternatives(root, schema)) {
    const direct = alt.properties?.[key];
    if (direct) out.push(resolveRef(root, direct));
    for (const [pattern, sub] of Object.entries(alt.patternProperties ?? {})) {
      if (safeRegex(pattern)?.test(key)) out.push(resolveRef(root, sub));
    }
  }
  return out;
}

/** The schemas that govern the node at `path` (empty when the schema says nothing about it). */
export function schemasAt(root: JsonSchema, path: Path): JsonSchema[] {
  let current: JsonSchema[] = [resolveRef(root, root)];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      if (typeof seg === 'string') next.push(...propertySchemas(root, s, seg));
      else {
        for (const alt of alternatives(root, s)) {
          const items = Array.isArray(alt.items) ? alt.items[seg] : alt.items;
          if (items) next.push(resolveRef(root, items));
        }
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** The keys the schema declares for a mapping at `path` (for completion and did-you-mean). */
export function knownKeys(root: JsonSchema, path: Path): Map<string, JsonSchema> {
  const keys = new Map<string, JsonSchema>();
  for (const s of schemasAt(root, path)) {
    for (const alt of alternatives(root, s)) {
      for (const [k, v] of Object.entries(alt.properties ?? {})) if (!keys.has(k)) keys.set(k, resolveRef(root, v));
    }
  }
  return keys;
}

/** First description found among the schemas, preferring markdown. */
export function describe(schemas: JsonSchema[]): string | undefined {
  for (const s of schemas) if (s.markdownDescription) return s.markdownDescription;
  for (const s of schemas) if (s.description) return s.description;
  return undefined;
}

const regexCache = new Map<string, RegExp | null>();
function safeRegex(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      regexCache.set(pattern, null);
    }
  }
  return regexCache.get(pattern) ?? null;
}
