import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasetRules } from '../../../../core/src/rules/axolotl/datasets';
import { BASE, fixed, runTable } from './table';

runTable('datasets', datasetRules, [
  { name: 'no data at all', text: 'base_model: a/b\nlearning_rate: 0.0001\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\n', expect: ['axolotl/missing-datasets@1'], whole: true },
  { name: 'a pretraining dataset is enough', text: 'base_model: a/b\nlearning_rate: 0.0001\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\nmax_steps: 10\npretraining_dataset:\n  - path: allenai/c4\n', expect: [], whole: true },
  { name: 'a sharegpt dataset', text: 'test_datasets:\n  - path: a/b\n    type: sharegpt:chat\n', expect: ['axolotl/sharegpt-removed@3'] },
  { name: 'a jinja template without the template', text: 'chat_template: jinja\n', expect: ['axolotl/jinja-needs-template@1'] },
  { name: 'a jinja template with the template', text: 'chat_template: jinja\nchat_template_jinja: "{{ messages }}"\n', expect: [] },
  { name: 'push to Hub without the token', text: 'push_dataset_to_hub: me/prepared\n', expect: ['axolotl/push-dataset-needs-auth@1'] },
  { name: 'mistral-common with special tokens', text: 'tokenizer_use_mistral_common: true\nspecial_tokens:\n  pad_token: "</s>"\n', expect: ['axolotl/mistral-common-conflict@2'] },
  { name: 'a Magistral model turns mistral-common on', text: 'base_model: mistralai/Magistral-Small-2506\nchat_template: chatml\n', expect: ['axolotl/mistral-common-conflict@2'] },
  { name: 'mistral-common turned off for Magistral', text: 'base_model: mistralai/Magistral-Small-2506\ntokenizer_use_mistral_common: false\nchat_template: chatml\n', expect: [] },
  { name: 'test datasets with a val split', text: 'val_set_size: 0.05\ntest_datasets:\n  - path: a/b\n    type: alpaca\n', expect: ['axolotl/test-datasets-with-val-set@1'] },
  { name: 'deduplication with skip_prepare_dataset', text: 'dataset_exact_deduplication: true\nskip_prepare_dataset: true\n', expect: ['axolotl/dedup-unavailable@1'] },
  { name: 'generation metrics on packed eval', text: 'do_causal_lm_eval: true\neval_sample_packing: true\n', expect: ['axolotl/causal-lm-eval-with-packing@2'] },
  { name: 'tokens per second when streaming pretraining data', text: 'max_steps: 10\npretraining_dataset:\n  - path: allenai/c4\ninclude_tokens_per_second: true\n', expect: ['axolotl/pretraining-tokens-per-second@4'] },
]);

test('dataset fixes: token for pushing, chat_template for sharegpt', async () => {
  assert.equal(await fixed(`${BASE}push_dataset_to_hub: me/prepared\n`, 'axolotl/push-dataset-needs-auth'), `${BASE}push_dataset_to_hub: me/prepared\nhf_use_auth_token: true\n`);
  const sharegpt = BASE.replace('type: alpaca', 'type: sharegpt');
  assert.equal(await fixed(sharegpt, 'axolotl/sharegpt-removed'), BASE.replace('type: alpaca', 'type: chat_template'));
});
