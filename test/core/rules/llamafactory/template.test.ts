import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../../../core/src/index';
import { template } from '../../../../core/src/rules/llamafactory/template';
import { ctx, doc } from '../../../helpers/fixtures';
import { lines, ruleTable } from '../ruleTable';

ruleTable('llamafactory template', template, '/p/lf.yaml', [
  ['SFT training with a template', lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: llama3'), []],
  ['SFT training without a template', lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a'), ['llamafactory/missing-template@2']],
  ['default stage without a template', lines('model_name_or_path: m', 'do_train: true', 'dataset: a'), ['llamafactory/missing-template@2']],
  ['pre-training needs no template', lines('model_name_or_path: m', 'stage: pt', 'do_train: true', 'dataset: c4_demo'), []],
  ['not training', lines('model_name_or_path: m', 'adapter_name_or_path: saves/x', 'finetuning_type: lora'), []],
  ['a template 0.9.6 registers', lines('model_name_or_path: Qwen/Qwen3.5-4B', 'stage: sft', 'do_train: true', 'dataset: a', 'template: qwen3_5_nothink'), []],
  ['a misspelt template', lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: qwen3_no_think'), ['llamafactory/unknown-template@5']],
  ['a template 0.9.6 dropped', lines('model_name_or_path: baichuan-inc/Baichuan2-7B-Chat', 'stage: sft', 'do_train: true', 'dataset: a', 'template: baichuan2'), ['llamafactory/unknown-template@5']],
  ['the same template on LLaMA-Factory 0.9.4, which still had it', lines('# peft-lens: llamafactory=0.9.4', 'model_name_or_path: baichuan-inc/Baichuan2-7B-Chat', 'stage: sft', 'do_train: true', 'dataset: a', 'template: baichuan2'), []],
  ['a template only newer releases register', lines('# peft-lens: llamafactory=0.9.4', 'model_name_or_path: Qwen/Qwen3.5-4B', 'stage: sft', 'do_train: true', 'dataset: a', 'template: qwen3_5'), ['llamafactory/unknown-template@6']],
]);

test('llamafactory template: the message names the release and the nearest names, with a fix', async () => {
  const text = lines('model_name_or_path: m', 'stage: sft', 'do_train: true', 'dataset: a', 'template: qwen3_no_think');
  const issue = (await check(doc('/p/lf.yaml', text), ctx())).find((i) => i.code === 'llamafactory/unknown-template');
  assert.match(issue?.message ?? '', /LLaMA-Factory 0\.9\.6 registers no template `qwen3_no_think`.*Did you mean `qwen3_nothink`/);
  assert.equal(issue?.fixes?.[0].edits[0].newText, 'qwen3_nothink');
});
