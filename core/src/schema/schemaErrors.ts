/**
 * ajv errors for a value, compiled lazily. Compiling a 400-key schema costs ~200 ms, paid on the
 * first keystroke of a session; a config uses a few dozen of those keys. So for a plain object schema
 * (type object, properties, required, additionalProperties: the shape of every format's top level)
 * each present key's sub-schema is compiled on first use and cached, unknown and missing keys are
 * found directly, and errors are rewritten to the paths a whole-schema compile would give. Any other
 * shape is compiled whole.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from './types';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true, validateSchema: false });
// `deprecated` is only an annotation in JSON Schema; as a keyword that fails when present it makes
// ajv report every deprecated key that is actually used, at its exact path.
ajv.removeKeyword('deprecated');
ajv.addKeyword({ keyword: 'deprecated', schemaType: 'boolean', errors: true, validate: (flag: boolean) => !flag });

const whole = new WeakMap<JsonSchema, ValidateFunction>();
const parts = new WeakMap<JsonSchema, Map<string, ValidateFunction>>();
/** Root keywords the per-key path handles itself; any other one means "compile it whole". */
const SPLITTABLE = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'type', 'properties', 'required', 'additionalProperties', 'definitions', '$defs', 'defaultSnippets', 'default', 'examples']);

export function schemaErrors(value: unknown, schema: JsonSchema): ErrorObject[] {
  const splittable = isPlainObject(value) && schema.properties && (schema.type === undefined || schema.type === 'object') && Object.keys(schema).every((k) => SPLITTABLE.has(k) || k.startsWith('x-'));
  if (!splittable) {
    let fn = whole.get(schema);
    if (!fn) whole.set(schema, (fn = ajv.compile(schema)));
    return fn(value) ? [] : [...(fn.errors ?? [])];
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
    const fn = part(schema, declared ? `properties/${pointer(key)}` : 'additionalProperties', sub);
    if (!fn(v)) errors.push(...(fn.errors ?? []).map((e) => relocate(e, key, declared ? `#/properties/${pointer(key)}` : '#/additionalProperties')));
  }
  return errors;
}

/** A key's sub-schema compiled on its own, with the root's definitions so its `$ref`s resolve. */
function part(root: JsonSchema, path: string, sub: JsonSchema): ValidateFunction {
  let cache = parts.get(root);
  if (!cache) parts.set(root, (cache = new Map()));
  let fn = cache.get(path);
  if (!fn) {
    const standalone: JsonSchema = { ...sub, ...(root.definitions ? { definitions: root.definitions } : {}), ...(root.$defs ? { $defs: root.$defs } : {}) };
    cache.set(path, (fn = ajv.compile(standalone)));
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
