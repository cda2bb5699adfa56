/** TRL recipes for scripts with their own dataclasses: one note, their keys accepted, stock-script rules skipped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueLines, lines } from '../ruleTable';

const CASES: [string, string, string[]][] = [
  // A recipe in the shape of philschmid's / the course scripts: TrlParser((ScriptArguments, SFTConfig, ModelConfig)).
  [
    'a custom script recipe: its data key is its own, so no missing dataset and no unknown keys',
    lines('model_name_or_path: Qwen/Qwen3-4B', 'dataset_id_or_path: data/train.jsonl', 'spectrum_config_path: configs/spectrum.yaml', 'learning_rate: 2.0e-4', 'per_device_train_batch_size: 4', 'bf16: true', 'output_dir: runs/qwen'),
    ['trl/custom-script@2'],
  ],
  [
    'a misspelt TRL key in a custom recipe is still unknown',
    lines('model_name_or_path: Qwen/Qwen3-4B', 'dataset_id_or_path: data/train.jsonl', 'learning_rat: 2.0e-4', 'output_dir: runs/qwen'),
    ['trl/custom-script@2', 'schema/unknown-key@3'],
  ],
  ['a stock config with a typo is not a custom script', lines('model_name_or_path: Qwen/Qwen3-4B', 'dataset_name: trl-lib/Capybara', 'learning_rat: 2.0e-4'), ['schema/unknown-key@3']],
  ['a stock config without data still needs some', lines('model_name_or_path: Qwen/Qwen3-4B', 'learning_rate: 2.0e-4', 'output_dir: out'), ['trl/missing-dataset@1']],
];

for (const [title, text, expected] of CASES) {
  test(`trl custom script: ${title}`, async () => {
    assert.deepEqual(await issueLines('/p/recipe.yaml', text, () => true, 'trl'), expected);
  });
}
