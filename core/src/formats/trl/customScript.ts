/**
 * TRL recipes for scripts of their own: such a script parses the YAML with TrlParser and its own
 * dataclasses besides TRL's (a `dataset_id_or_path` key, say). A top-level key that no TRL class
 * declares, and that is not within two edits (or a third of its length) of one, is taken as such a
 * script's (a transposed `bf16` is a typo, not a script's own key): the file is checked with
 * those keys declared, and the checks that only hold for the stock `trl` scripts are skipped.
 */
import schema from '../../../../schemas/trl.schema.json';
import type { ConfigDoc } from '../../document';
import { keyText } from '../../parse/tree';
import { editDistance } from '../../schema/suggest';
import type { JsonSchema } from '../../schema/types';

const BASE = schema as JsonSchema;
const DECLARED = Object.keys(BASE.properties ?? {});
const byDoc = new WeakMap<ConfigDoc, string[]>();

function nearDeclared(key: string): boolean {
  const limit = Math.max(2, Math.floor(key.length / 3));
  const k = key.toLowerCase();
  return DECLARED.some((d) => Math.abs(d.length - k.length) <= limit && editDistance(k, d) <= limit);
}

/** The keys that make this file a custom script's recipe (empty for a stock-script config). */
export function customScriptKeys(doc: ConfigDoc): string[] {
  let keys = byDoc.get(doc);
  if (keys) return keys;
  keys = [];
  if (doc.root?.kind === 'map') {
    for (const e of doc.root.entries) {
      const k = keyText(e);
      if (!(k in (BASE.properties ?? {})) && !nearDeclared(k)) keys.push(k);
    }
  }
  byDoc.set(doc, keys);
  return keys;
}

const schemas = new WeakMap<ConfigDoc, JsonSchema>();

/** TRL's schema, with a custom script's own keys declared (misspelt TRL keys stay unknown). */
export function trlSchemaFor(doc: ConfigDoc): JsonSchema {
  const own = customScriptKeys(doc);
  if (own.length === 0) return BASE;
  let s = schemas.get(doc);
  if (!s) {
    const declared: Record<string, JsonSchema> = Object.fromEntries(own.map((k) => [k, { description: "Declared by the script's own dataclasses, not by TRL." }]));
    s = { ...BASE, properties: { ...BASE.properties, ...declared } };
    schemas.set(doc, s);
  }
  return s;
}
