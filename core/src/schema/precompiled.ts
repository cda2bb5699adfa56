/**
 * The validators the build compiled from the bundled schemas (scripts/validators.mjs), found for a
 * schema the core is about to validate with. A unit is used only when the schema is exactly what the
 * build compiled: a property's sub-schema (or `additionalProperties`) of a bundled root, by object
 * identity, with the root's definitions; or an entry point `{$ref: '#/definitions/X', definitions}`
 * over a bundled root's definitions. Anything else (a schema built at run time) gets undefined and is
 * compiled by the caller.
 */
import type { ValidateFunction } from 'ajv';
import { PRECOMPILED } from 'peft-lens:validators';
import type { JsonSchema } from './types';

const bound = new Map<number, (key: string) => ValidateFunction | undefined>();

function unitsOf(index: number): (key: string) => ValidateFunction | undefined {
  let units = bound.get(index);
  if (!units) bound.set(index, (units = PRECOMPILED[index].load()(PRECOMPILED[index].schema)));
  return units;
}

/** The bundled root a schema was made from: itself, a variant keeping its `$id` (up to a fragment), or one sharing its definitions. */
function bundledRoot(schema: JsonSchema): number {
  const base = schema.$id?.split('#')[0];
  return PRECOMPILED.findIndex(({ schema: s }) => {
    const root = s as JsonSchema;
    return root === schema || (base !== undefined && root.$id === base) || (schema.definitions !== undefined && root.definitions === schema.definitions);
  });
}

const sameDefinitions = (a: JsonSchema, b: JsonSchema) => a.definitions === b.definitions && a.$defs === b.$defs;

/** The compiled check of `root.properties[key]` (key undefined: `root.additionalProperties`), when the build made it. */
export function precompiledPart(root: JsonSchema, key: string | undefined, sub: JsonSchema): ValidateFunction | undefined {
  const i = bundledRoot(root);
  if (i < 0) return undefined;
  const bundled = PRECOMPILED[i].schema as JsonSchema;
  if (!sameDefinitions(root, bundled)) return undefined;
  if (key === undefined) return sub === bundled.additionalProperties ? unitsOf(i)('additionalProperties') : undefined;
  return Object.prototype.hasOwnProperty.call(bundled.properties ?? {}, key) && bundled.properties![key] === sub ? unitsOf(i)(`properties/${key}`) : undefined;
}

const ENTRY_KEYS = new Set(['$schema', '$ref', 'definitions']);

/** The compiled check of a whole schema: only entry points into a bundled root's definitions are compiled ahead. */
export function precompiledWhole(schema: JsonSchema): ValidateFunction | undefined {
  if (!schema.$ref?.startsWith('#/definitions/') || !Object.keys(schema).every((k) => ENTRY_KEYS.has(k))) return undefined;
  const i = bundledRoot(schema);
  if (i < 0) return undefined;
  const bundled = PRECOMPILED[i].schema as JsonSchema;
  if (bundled.definitions !== schema.definitions || bundled.$schema !== schema.$schema) return undefined;
  return unitsOf(i)(schema.$ref.slice(2));
}
