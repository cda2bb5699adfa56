import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc, lineOf } from '../helpers/fixtures';

const cases: [string, string, number][] = [
  ['a repeated top-level key', 'model_name_or_path: m\nstage: sft\nfinetuning_type: lora\nlora_rank: 8\nlora_rank: 16\n', 5],
  ['a repeated key inside a v1 plugin block', 'model: m\npeft_config:\n  name: lora\n  r: 8\n  r: 16\n', 5],
];

for (const [name, text, line] of cases) {
  test(`LLaMA-Factory refuses duplicate keys (OmegaConf): ${name}`, async () => {
    const issues = (await check(doc('/p/lf.yaml', text), ctx())).filter((i) => i.code === 'syntax/duplicate-key');
    assert.deepEqual(issues.map((i) => [i.severity, lineOf(text, i.span.start)]), [['error', line]]);
    assert.match(issues[0].message, /OmegaConf/);
  });
}

test('other formats keep the last value: a warning', async () => {
  const text = 'base_model: a/b\nadapter: lora\nlora_r: 8\nlora_r: 16\n';
  const issues = (await check(doc('/p/a.yml', text), ctx())).filter((i) => i.code === 'syntax/duplicate-key');
  assert.deepEqual(issues.map((i) => i.severity), ['warning']);
});
