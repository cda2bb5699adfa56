/** PEFT adapter_config.json: the plan `extract` gives, and the schema's own completeness. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import schemaJson from '../../schemas/peft-adapter.schema.json';
import { FORMATS } from '../../core/src/index';
import { resolveRef } from '../../core/src/schema/lookup';
import type { JsonSchema } from '../../core/src/schema/types';
import { doc } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';
import { extractor } from './planHelpers';

const schema = schemaJson as JsonSchema;
const extract = extractor('peft-adapter', '/w/adapter_config.json');

test('extract: model, method and the adapter config exactly as written, with spans', () => {
  const text = '{\n  "base_model_name_or_path": "meta-llama/Llama-2-7b-hf",\n  "peft_type": "LORA",\n  "r": 16,\n  "target_modules": ["q_proj", "v_proj"],\n  "loftq_config": {}\n}\n';
  const plan = extract(text);
  assert.equal(plan.format, 'peft-adapter');
  assert.equal(plan.model?.value, 'meta-llama/Llama-2-7b-hf');
  assert.deepEqual({ value: plan.method.value, key: plan.method.key }, { value: 'lora', key: 'peft_type' });
  assert.ok(!('lora_alpha' in (plan.peft ?? {})), 'no PEFT defaults are filled in');
  assert.deepEqual(plan.peft, { base_model_name_or_path: 'meta-llama/Llama-2-7b-hf', peft_type: 'LORA', r: 16, target_modules: ['q_proj', 'v_proj'], loftq_config: {} });
  const r = plan.peftSources?.r;
  assert.equal(r?.value, 16);
  assert.equal(text.slice(r!.span!.start, r!.span!.end), '16');
  const targets = plan.peftSources?.target_modules;
  assert.equal(text.slice(targets!.span!.start, targets!.span!.end), '["q_proj", "v_proj"]');
  assert.deepEqual(Object.keys(plan.training), ['loop'], 'an adapter config states no training setting');
  assert.equal(plan.training.loop?.value, 'plain');
  assert.match(plan.training.loop?.assumed ?? '', /names no training loop/);
});

test('extract: method in lower case for every type, LORA assumed without peft_type, last duplicate wins', () => {
  assert.equal(extract('{"peft_type": "PROMPT_TUNING", "num_virtual_tokens": 8}').method.value, 'prompt_tuning');
  const bare = extract('{"r": 8}');
  assert.equal(bare.method.value, 'lora');
  assert.ok(bare.method.assumed);
  assert.equal(extract('{"peft_type": "LORA", "r": 8, "r": 4}').peft?.r, 4);
  assert.deepEqual(extract('[1, 2]').peft, {});
  assert.deepEqual(Object.keys(extract('{"peft_type": ').training), ['loop']);
});

/** Every property of every definition, nested sub-configs included, with its path for messages. */
function* properties(node: JsonSchema, path: string): Generator<[string, JsonSchema]> {
  for (const [key, sub] of Object.entries(node.properties ?? {})) {
    const resolved = resolveRef(schema, sub);
    yield [`${path}.${key}`, resolved];
    if (resolved.properties) yield* properties(resolved, `${path}.${key}`);
  }
}

test('schema: every property has a description, a type constraint and, when it has one, a sensible default', () => {
  const missing: string[] = [];
  for (const [name, def] of Object.entries(schema.definitions ?? {})) {
    for (const [path, s] of properties(def, name)) {
      if (!s.description) missing.push(`${path}: no description`);
      if (!s.type && !s.anyOf && !s.enum && s.const === undefined) missing.push(`${path}: no type`);
    }
  }
  assert.deepEqual(missing, []);
});

test('schema: one definition per peft_type, and peft_type lists them all (Bone excepted: removed)', () => {
  const tagged = Object.values(schema.definitions ?? {}).flatMap((d) => (typeof d['x-peft-type'] === 'string' ? [d['x-peft-type']] : []));
  const listed = resolveRef(schema, schema.definitions!.peftType).enum as string[];
  assert.equal(tagged.length, 45, '44 current PEFT types and the removed Bone');
  assert.deepEqual([...listed].sort(), tagged.filter((t) => t !== 'BONE').sort());
  for (const t of tagged) assert.ok(FORMATS['peft-adapter'].schema(doc('/w/adapter_config.json', `{"peft_type": "${t}"}`)) !== schema, t);
});

test('schema: every x-papers id is a foundational paper', () => {
  const papers = JSON.parse(readFileSync(requireShared('reference', 'papers.json'), 'utf8')) as { foundational: { arxiv_id: string }[] };
  const known = new Set(papers.foundational.map((p) => p.arxiv_id));
  const cited = new Set<string>();
  JSON.stringify(schema, (key, value: unknown) => {
    if ((key === 'x-papers' || key === 'papers') && Array.isArray(value)) for (const id of value) cited.add(String(id));
    return value;
  });
  assert.ok(cited.size >= 30, `only ${cited.size} papers cited`);
  assert.deepEqual([...cited].filter((id) => !known.has(id)), []);
});
