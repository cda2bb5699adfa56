/** The axolotl schema is the single source of hover text and completion: every key documented and consistent. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import raw from '../../schemas/axolotl.schema.json';
import type { JsonSchema } from '../../core/src/schema/types';
import { requireShared } from '../helpers/shared';

const schema = raw as unknown as JsonSchema;
const top = Object.entries(schema.properties!);

function* allProperties(): Generator<[string, JsonSchema]> {
  for (const [k, s] of top) yield [k, s];
  for (const [name, def] of Object.entries(schema.definitions ?? {})) for (const [k, s] of Object.entries(def.properties ?? {})) yield [`${name}.${k}`, s];
}

test('the schema declares every axolotl 0.18 key, grouped by topic', () => {
  assert.ok(top.length >= 400, `only ${top.length} keys`);
  const groups = new Set(top.map(([, s]) => s['x-group']));
  for (const g of ['Model and tokenizer', 'Adapter (LoRA / QLoRA)', 'Quantization', 'Precision', 'Optimizer and learning rate', 'Distributed training', 'Attention', 'Datasets', 'Plugins']) assert.ok(groups.has(g), g);
  for (const [k, s] of top) assert.ok(typeof s['x-group'] === 'string', `${k} has no group`);
  assert.deepEqual(schema.required, ['base_model', 'learning_rate']);
});

test('every property has a description and a type, and its default is a valid value', () => {
  const ajv = new Ajv({ strict: false, allowUnionTypes: true });
  ajv.removeKeyword('deprecated');
  for (const [k, s] of allProperties()) {
    assert.ok(s.description && s.description.length > 8, `${k}: description`);
    assert.ok(s.type || s.enum || s.anyOf || s.$ref || k.startsWith('dataset.') || Object.keys(s).length > 1, `${k}: type`);
    if (s.default !== undefined && !s.$ref) {
      const { default: value, ...rest } = s;
      assert.ok(ajv.validate(rest, value), `${k}: default ${JSON.stringify(value)} does not fit its own schema`);
    }
  }
});

test('deprecated keys say what to do instead, and replacements exist', () => {
  let deprecated = 0;
  for (const [k, s] of allProperties()) {
    if (!s.deprecated) continue;
    deprecated++;
    assert.ok(s.deprecationMessage, `${k}: deprecationMessage`);
    const to = s['x-replaced-by'];
    if (to) assert.ok(schema.properties![to], `${k}: replacement ${to} is not a key`);
  }
  assert.ok(deprecated >= 15, `${deprecated} deprecated keys`);
  for (const k of ['flash_attention', 'fsdp', 'dataset_processes', 'dpo_beta', 'sequence_parallel_degree']) assert.equal(schema.properties![k].deprecated, true, k);
});

test('optimizer, scheduler and adapter values come with documentation and papers', () => {
  const optimizer = schema.properties!.optimizer;
  assert.ok(optimizer.enum!.includes('adamw_torch_fused') && optimizer.enum!.includes('q_galore_adamw8bit') && optimizer.enum!.includes('paged_adamw_8bit'));
  for (const v of optimizer.enum!.filter((x) => x !== null)) assert.ok(optimizer['x-enum-docs']![String(v)]?.description, `optimizer ${String(v)} undocumented`);
  assert.deepEqual(optimizer['x-enum-docs']!.galore_adamw.papers, ['2403.03507']);
  assert.deepEqual(schema.properties!.adapter['x-enum-docs']!.qlora.papers, ['2305.14314', '2106.09685']);
  assert.deepEqual(schema.properties!.peft_use_dora['x-papers'], ['2402.09353']);
  assert.deepEqual(schema.properties!.peft_use_rslora['x-papers'], ['2312.03732']);
});

const PAPERS = requireShared('reference', 'papers.json');

test('every cited paper is a foundational paper of the reference list', () => {
  const foundational = new Set((JSON.parse(readFileSync(PAPERS, 'utf8')).foundational as { arxiv_id: string }[]).map((p) => p.arxiv_id));
  const cited = new Set<string>();
  for (const [, s] of allProperties()) {
    for (const id of s['x-papers'] ?? []) cited.add(id);
    for (const doc of Object.values(s['x-enum-docs'] ?? {})) for (const id of doc.papers ?? []) cited.add(id);
  }
  assert.ok(cited.size >= 15);
  for (const id of cited) assert.ok(foundational.has(id), `${id} is not in papers.json foundational`);
});
