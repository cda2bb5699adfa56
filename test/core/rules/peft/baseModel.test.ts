/** peft/no-base-model: an adapter_config.json without a base model, and the catalog bases its fixes offer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, lookupCatalog } from '../../../../core/src/index';
import { baseModelRule, OFFERED_BASES } from '../../../../core/src/rules/peft/baseModel';
import { applyFix, ctx, doc } from '../../../helpers/fixtures';
import { lines, ruleTable } from '../../rules/ruleTable';

ruleTable('peft base model', baseModelRule, '/w/adapter_config.json', [
  ['named: nothing to say', lines('{', '  "peft_type": "LORA",', '  "base_model_name_or_path": "gpt2"', '}'), []],
  ['missing: reported on peft_type', lines('{', '  "r": 8,', '  "peft_type": "LORA"', '}'), ['peft/no-base-model@3']],
  ['null: reported on the key', lines('{', '  "peft_type": "LORA",', '  "base_model_name_or_path": null', '}'), ['peft/no-base-model@3']],
  ['a file that does not parse may name it later', lines('{', '  "peft_type": "LORA",', '  "r": 8,,'), []],
]);

async function fixesFor(text: string) {
  const issues = await check(doc('/w/adapter_config.json', text), ctx());
  return issues.find((i) => i.code === 'peft/no-base-model')?.fixes ?? [];
}

test('the fixes offer catalog bases that have the target modules, and insert the key', async () => {
  const text = '{\n  "peft_type": "LORA",\n  "task_type": "CAUSAL_LM",\n  "target_modules": ["q_proj", "v_proj"],\n  "r": 8\n}\n';
  const fixes = await fixesFor(text);
  assert.ok(fixes.length >= 3 && fixes.length <= 5, fixes.map((f) => f.title).join(', '));
  assert.equal(fixes[0].title, 'Set `base_model_name_or_path` to meta-llama/Llama-3.2-1B (bundled catalog)');
  assert.ok(!fixes.some((f) => /gpt2|bert|t5/.test(f.title)), 'no model without q_proj/v_proj');
  const after = JSON.parse(applyFix(text, fixes[0])) as Record<string, unknown>;
  assert.equal(after.base_model_name_or_path, 'meta-llama/Llama-3.2-1B');
  assert.equal(after.r, 8);
  const gpt2 = await fixesFor('{"peft_type": "LORA", "target_modules": ["c_attn"]}');
  assert.deepEqual(gpt2.map((f) => f.title), ['Set `base_model_name_or_path` to openai-community/gpt2 (bundled catalog)']);
  const seq2seq = await fixesFor('{"peft_type": "LORA", "task_type": "SEQ_2_SEQ_LM", "target_modules": ["q", "v"]}');
  assert.deepEqual(seq2seq.map((f) => f.title), ['Set `base_model_name_or_path` to google/flan-t5-base (bundled catalog)']);
  const replaced = applyFix('{"peft_type": "LORA", "base_model_name_or_path": null}', (await fixesFor('{"peft_type": "LORA", "base_model_name_or_path": null}'))[0]);
  assert.equal(JSON.parse(replaced).base_model_name_or_path, 'meta-llama/Llama-3.2-1B');
});

test('every base the fixes may offer is in the bundled catalog, spelt as it lists it', async () => {
  for (const id of OFFERED_BASES) assert.equal(lookupCatalog(id)?.canonicalId, id);
  assert.equal((await fixesFor('{"peft_type": "LORA"}')).length, 5, 'at most five, so the light bulb stays short');
});
