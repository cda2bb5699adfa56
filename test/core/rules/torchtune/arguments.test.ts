/** torchtune component arguments against the callable's signature. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { fixesOf, issuesOf, variant } from './base';

const CASES: Case[] = [
  { name: 'misspelt optimizer argument', text: variant(['  lr: 3e-4', '  learning_rate: 3e-4']), expected: ['torchtune/unknown-argument@31'] },
  { name: 'misspelt builder argument', text: variant(['  lora_alpha: 128', '  lora_alpha: 128\n  lora_dropuot: 0.05']), expected: ['torchtune/unknown-argument@10'] },
  { name: 'DoRA on the one builder without use_dora', text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.llama3_1.lora_llama3_1_405b'], ['  lora_alpha: 128', '  lora_alpha: 128\n  use_dora: True']), expected: ['torchtune/unknown-argument@10'] },
  { name: 'DoRA on a QLoRA builder is accepted', text: variant(['lora_llama3_2_1b', 'qlora_llama3_2_1b'], ['  lora_alpha: 128', '  lora_alpha: 128\n  use_dora: True']), expected: [] },
  { name: 'datasets take **kwargs (passed to load_dataset)', text: variant(['  packed: False', '  packed: False\n  data_files: train.json']), expected: [] },
  { name: 'StdoutLogger takes no arguments', text: variant(['torchtune.training.metric_logging.DiskLogger', 'torchtune.training.metric_logging.StdoutLogger']), expected: ['torchtune/unknown-argument@43'] },
  { name: 'tokenizer without its path', text: variant(['  path: /tmp/Llama-3.2-1B-Instruct/original/tokenizer.model\n', '']), expected: ['torchtune/missing-argument@11'] },
  { name: 'LoRA builder without lora_attn_modules', text: variant(["  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']\n", '']), expected: ['torchtune/missing-argument@5'] },
  { name: 'the recipe passes the dataset its tokenizer', text: variant(['  packed: False', '  packed: False\n  tokenizer: x']), expected: ['torchtune/recipe-supplied-argument@25'] },
  { name: 'the lr scheduler gets the optimizer and step count from the recipe', text: variant(['  num_warmup_steps: 100', '  num_warmup_steps: 100\n  num_training_steps: 1000']), expected: ['torchtune/recipe-supplied-argument@35'] },
  { name: 'list of datasets: each item is checked', text: variant(['dataset:\n  _component_: torchtune.datasets.alpaca_cleaned_dataset\n  packed: False', 'dataset:\n  - _component_: torchtune.datasets.alpaca_cleaned_dataset\n  - _component_: torchtune.datasets.PackedDataset\n    max_seq_length: 2048']), expected: ['torchtune/missing-argument@24', 'torchtune/unknown-argument@25'] },
];

for (const c of CASES) {
  test(`arguments: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'torchtune/'), c.expected);
  });
}

test('arguments: a misspelt argument is renamed by the quick fix', async () => {
  assert.deepEqual(await fixesOf(variant(['  lora_alpha: 128', '  lora_alpha: 128\n  lora_dropuot: 0.05']), 'torchtune/unknown-argument'), ['lora_dropout']);
});
