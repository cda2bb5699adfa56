/** axolotl files are recognised from `base_model` plus any axolotl key; look-alikes with `base_model` are not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doc } from '../helpers/fixtures';

const axolotl = [
  'base_model: a/b\nlora_alpha: 16\n',
  'base_model: a/b\nattn_implementation: flash_attention_2\n',
  'base_model: a/b\nfsdp_config:\n  offload_params: true\n',
  'base_model: a/b\npretraining_dataset:\n  - path: allenai/c4\n',
  'base_model: a/b\ngradient_checkpointing: true\n',
];

const notAxolotl = [
  // mergekit: also has base_model, but merges models instead of training them.
  'merge_method: ties\nbase_model: mistralai/Mistral-7B-v0.1\nmodels:\n  - model: a/b\n    parameters:\n      density: 0.5\ndtype: bfloat16\nchat_template: auto\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
  'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
  'base_model: a/b\nlicense: apache-2.0\ntags: [text-generation]\n',
];

test('minimal axolotl configs are detected', () => {
  for (const text of axolotl) assert.equal(doc('/p/train.yml', text).format, 'axolotl', text);
});

test('YAML that only shares a key or two with axolotl is left alone', () => {
  for (const text of notAxolotl) assert.equal(doc('/p/config.yml', text).format, null, text);
});
