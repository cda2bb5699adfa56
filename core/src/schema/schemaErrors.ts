/**
 * ajv errors for a value. The bundled schemas are compiled at build time (scripts/validators.mjs,
 * found by precompiled.ts); any other schema is compiled here on first use and cached. For a plain
 * object schema (type object, properties, required, additionalProperties: the shape of every format's
 * top level) each present key is checked by its own sub-schema's validator, unknown and missing keys
 * are found directly, and errors are rewritten to the paths a whole-schema compile would give: a
 * config uses a few dozen of a schema's hundreds of keys. Any other shape is checked whole.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { precompiledPart, precompiledWhole } from './precompiled';
// ajv's compiler is loaded only when a schema needs it: never, for the bundled formats.
import loadCompiler from './runtimeCompile.ts?lazy';
import type { JsonSchema } from './types';

const compileAtRunTime = (schema: JsonSchema) => (loadCompiler() as typeof import('./runtimeCompile')).compileAtRunTime(schema);

const whole = new WeakMap<JsonSchema, ValidateFunction>();
const parts = new WeakMap<JsonSchema, Map<string, ValidateFunction>>();
/** Root keywords the per-key path handles itself; any other one means "check it whole". */
const SPLITTABLE = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'type', 'properties', 'required', 'additionalProperties', 'definitions', '$defs', 'defaultSnippets', 'default', 'examples']);
/** Keywords that only describe: a sub-schema made of these accepts every value. */
const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', 'default', 'examples', 'defaultSnippets', 'deprecationMessage']);

export function schemaErrors(value: unknown, schema: JsonSchema): ErrorObject[] {
  const splittable = schema.properties && (schema.type === undefined || schema.type === 'object') && Object.keys(schema).every((k) => SPLITTABLE.has(k) || k.startsWith('x-'));
  if (!splittable) {
    let fn = whole.get(schema);
    if (!fn) whole.set(schema, (fn = precompiledWhole(schema) ?? compileAtRunTime(schema)));
    return fn(value) ? [] : [...(fn.errors ?? [])];
  }
  // Every other keyword of such a root applies to objects only: anything else fails its type alone.
  if (!isPlainObject(value)) {
    return schema.type === 'object' ? [{ keyword: 'type', instancePath: '', schemaPath: '#/type', params: { type: 'object' }, message: 'must be object', schema: 'object', parentSchema: schema, data: value }] : [];
  }
  const errors: ErrorObject[] = [];
  const object = value as Record<string, unknown>;
  for (const missing of (schema.required ?? []).filter((k) => !(k in object))) {
    errors.push({ keyword: 'required', instancePath: '', schemaPath: '#/required', params: { missingProperty: missing }, parentSchema: schema, data: object });
  }
  const extra = schema.additionalProperties;
  for (const [key, v] of Object.entries(object)) {
    const declared = Object.prototype.hasOwnProperty.call(schema.properties, key);
    if (!declared && extra === false) {
      errors.push({ keyword: 'additionalProperties', instancePath: '', schemaPath: '#/additionalProperties', params: { additionalProperty: key }, parentSchema: schema, data: object });
      continue;
    }
    if (!declared && (extra === undefined || extra === true)) continue;
    const sub = declared ? schema.properties![key] : (extra as JsonSchema);
    if (Object.keys(sub).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'))) continue;
    const fn = part(schema, declared ? key : undefined, sub);
    if (!fn(v)) errors.push(...(fn.errors ?? []).map((e) => relocate(e, key, declared ? `#/properties/${pointer(key)}` : '#/additionalProperties')));
  }
  return errors;
}

/** A key's sub-schema (undefined: additionalProperties) on its own, with the root's definitions so its `$ref`s resolve. */
function part(root: JsonSchema, key: string | undefined, sub: JsonSchema): ValidateFunction {
  let cache = parts.get(root);
  if (!cache) parts.set(root, (cache = new Map()));
  const path = key === undefined ? 'additionalProperties' : `properties/${pointer(key)}`;
  let fn = cache.get(path);
  if (!fn) {
    const standalone: JsonSchema = { ...sub, ...(root.definitions ? { definitions: root.definitions } : {}), ...(root.$defs ? { $defs: root.$defs } : {}) };
    cache.set(path, (fn = precompiledPart(root, key, sub) ?? compileAtRunTime(standalone)));
  }
  return fn;
}

/** The error as the whole-schema compile reports it: instance and schema paths from the root. */
function relocate(e: ErrorObject, key: string, schemaPrefix: string): ErrorObject {
  return { ...e, instancePath: `/${pointer(key)}${e.instancePath}`, schemaPath: `${schemaPrefix}${e.schemaPath.slice(1)}` };
}

function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
