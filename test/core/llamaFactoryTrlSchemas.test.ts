/** The LLaMA-Factory and TRL schemas document every key: description, type, sane default, deprecations, papers. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import lfV0 from '../../schemas/llamafactory.schema.json';
import lfV1 from '../../schemas/llamafactory-v1.schema.json';
import trl from '../../schemas/trl.schema.json';
import type { JsonSchema } from '../../core/src/schema/types';
import { requireShared } from '../helpers/shared';

const SCHEMAS: Record<string, JsonSchema> = { 'llamafactory.schema.json': lfV0 as JsonSchema, 'llamafactory-v1.schema.json': lfV1 as JsonSchema, 'trl.schema.json': trl as JsonSchema };

/** Every property schema with its dotted path, nested blocks and list items included. */
function properties(schema: JsonSchema, prefix = ''): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  for (const [k, p] of Object.entries(schema.properties ?? {})) {
    out.push([`${prefix}${k}`, p]);
    out.push(...properties(p, `${prefix}${k}.`));
    if (p.items && !Array.isArray(p.items)) out.push(...properties(p.items, `${prefix}${k}[].`));
  }
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function allowedTypes(p: JsonSchema): string[] {
  return [p.type ?? [], ...(p.anyOf ?? []).map((b) => b.type ?? [])].flat();
}

for (const [file, schema] of Object.entries(SCHEMAS)) {
  test(`${file}: every key has a description and a type, and its default fits`, () => {
    const bad: string[] = [];
    const props = properties(schema);
    assert.ok(props.length > 40, `${file} declares only ${props.length} keys`);
    for (const [path, p] of props) {
      if (!p.description) bad.push(`${path}: no description`);
      const types = allowedTypes(p);
      if (types.length === 0 && !p.enum) bad.push(`${path}: no type`);
      if (p.default === undefined) continue;
      const t = jsonType(p.default);
      if (types.length && !types.includes(t) && !(t === 'integer' && types.includes('number'))) bad.push(`${path}: default ${JSON.stringify(p.default)} is not ${types.join('|')}`);
      if (p.enum && !p.enum.includes(p.default)) bad.push(`${path}: default ${JSON.stringify(p.default)} is not one of its values`);
    }
    assert.deepEqual(bad, []);
  });

  test(`${file}: deprecations say what to do instead`, () => {
    const declared = new Set(Object.keys(schema.properties ?? {}));
    for (const [path, p] of properties(schema).filter(([, p]) => p.deprecated)) {
      assert.ok(p.deprecationMessage || p['x-replaced-by'], `${path} is deprecated without a message or replacement`);
      if (p['x-replaced-by']) assert.ok(declared.has(p['x-replaced-by']), `${path} is replaced by undeclared ${p['x-replaced-by']}`);
    }
  });
}

test('papers cited by the LLaMA-Factory and TRL schemas are foundational papers of papers.json', () => {
  const papers = JSON.parse(readFileSync(requireShared('reference', 'papers.json'), 'utf8')) as { foundational: { arxiv_id: string }[] };
  const known = new Set(papers.foundational.map((p) => p.arxiv_id));
  const cited: string[] = [];
  for (const schema of Object.values(SCHEMAS)) {
    for (const [, p] of properties(schema)) {
      cited.push(...(p['x-papers'] ?? []));
      for (const doc of Object.values(p['x-enum-docs'] ?? {})) cited.push(...(doc.papers ?? []));
    }
  }
  assert.ok(cited.length > 20);
  assert.deepEqual([...new Set(cited.filter((id) => !known.has(id)))], []);
});

test('method-selecting keys and values cite their papers', () => {
  const lf = (lfV0 as JsonSchema).properties!;
  for (const key of ['use_dora', 'use_rslora', 'pissa_init', 'use_galore', 'loraplus_lr_ratio', 'quantization_bit', 'lora_rank']) assert.ok(lf[key]['x-papers']?.length, key);
  assert.ok(lf.finetuning_type['x-enum-docs']?.lora.papers?.length);
  assert.ok(lf.finetuning_type['x-enum-docs']?.oft.papers?.length);
  const t = (trl as JsonSchema).properties!;
  for (const key of ['use_peft', 'use_dora', 'use_rslora', 'load_in_4bit', 'load_in_8bit', 'lora_r']) assert.ok(t[key]['x-papers']?.length, key);
});
