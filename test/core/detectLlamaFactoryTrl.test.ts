/** LLaMA-Factory or TRL when a file has only generic keys: the tool that declares more of them wins. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doc } from '../helpers/fixtures';

const cases: [string, string, string | null][] = [
  ['only Trainer keys: TRL, as before', 'model_name_or_path: m\nlearning_rate: 1.0e-4\nper_device_train_batch_size: 2\n', 'trl'],
  ['`dataset` is LLaMA-Factory\'s spelling', 'model_name_or_path: m\ndo_train: true\ndataset: alpaca_en_demo\n', 'llamafactory'],
  ['`max_samples` only LLaMA-Factory declares', 'model_name_or_path: m\nper_device_train_batch_size: 2\nmax_samples: 100\n', 'llamafactory'],
  ['`dataset_text_field` only TRL declares', 'model_name_or_path: m\nper_device_train_batch_size: 2\ndataset_text_field: text\n', 'trl'],
  ['more TRL-only keys than LLaMA-Factory-only ones', 'model_name_or_path: m\ndataset_name: d\npacking_strategy: bfd\nmax_samples: 10\n', 'trl'],
  ['a lone model is nothing', 'model_name_or_path: m\n', null],
];

for (const [title, text, expected] of cases) {
  test(`detection: ${title}`, () => assert.equal(doc('/p/run.yaml', text).format, expected));
}

const withoutModel: [string, string, string | null][] = [
  ['a misspelt model key in a LLaMA-Factory file', 'model_nmae_or_path: m\ntemplate: qwen3\nexport_dir: out\nexport_size: 5\nexport_device: cpu\n', 'llamafactory'],
  ['a misspelt model key in a TRL file', 'model_nmae_or_path: m\nuse_peft: true\nlora_r: 16\ndataset_name: d\n', 'trl'],
  ['generic words are not evidence', 'template: x\ndataset: y\ntemperature: 0.7\ntop_p: 0.9\nenv: {A: b}\n', null],
  ['two keys are not enough', 'cutoff_len: 1024\nlora_rank: 8\n', null],
];

for (const [title, text, expected] of withoutModel) {
  test(`detection without model_name_or_path: ${title}`, () => assert.equal(doc('/p/run.yaml', text).format, expected));
}
