/** torchtune `_component_` paths: unknown, moved, removed, near-misses outside the catalog, the profiler. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { BASE, fixesOf, issuesOf, variant } from './base';

const CASES: Case[] = [
  { name: 'the base config is clean', text: BASE, expected: [] },
  { name: 'misspelt builder in a module the catalog lists completely', text: variant(['lora_llama3_2_1b', 'lora_llama3_2_1B']), expected: ['torchtune/unknown-component@5'] },
  { name: 'builder that never existed (the upstream qwen2_5 KD erratum)', text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.qwen2_5.lora_qwen2_5_7b']), expected: ['torchtune/unknown-component@5'] },
  { name: 'typo in the module path', text: variant(['torchtune.models.llama3_2.lora', 'torchtune.model.llama3_2.lora']), expected: ['torchtune/unknown-component@5'] },
  { name: 'path from an older release', text: variant(['torchtune.training.metric_logging.DiskLogger', 'torchtune.utils.metric_logging.DiskLogger']), expected: ['torchtune/moved-component@42'] },
  { name: 'removed loss', text: variant(['torchtune.modules.loss.LinearCrossEntropyLoss', 'torchtune.rlhf.loss.SimPOLoss']), expected: ['torchtune/removed-component@36'] },
  { name: 'public re-export of a checkpointer', text: variant(['torchtune.training.FullModelHFCheckpointer', 'torchtune.training.checkpointing.FullModelHFCheckpointer']), expected: [] },
  { name: 'user code is not questioned', text: variant(['torchtune.datasets.alpaca_cleaned_dataset', 'my_project.data.build_dataset']), expected: [] },
  { name: 'a model family the catalog does not know is not an error', text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.gemma3.lora_gemma3_1b']), expected: [] },
  { name: 'third-party near miss is a warning', text: variant(['torch.optim.AdamW', 'bitsandbytes.optim.PagedAdamW8bitt']), expected: ['torchtune/unverified-component@29'] },
  { name: 'torch.optim is listed completely', text: variant(['torch.optim.AdamW', 'torch.optim.AdamWW']), expected: ['torchtune/unknown-component@29'] },
  { name: 'interpolated component paths are resolved at run time', text: variant(['torch.optim.AdamW', '${optimizer_path}']), expected: ['torchtune/undefined-interpolation@29'] },
  { name: 'collate_fn string paths are checked too', text: `${BASE}collate_fn: torchtune.data.padded_collate_stf\n`, expected: ['torchtune/unverified-component@52'] },
  { name: 'profiler alias fails the recipe assertion', text: variant(['torchtune.training.setup_torch_profiler', 'torchtune.training._profiler.setup_torch_profiler']), expected: ['torchtune/profiler-component@50'] },
];

for (const c of CASES) {
  test(`components: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'torchtune/'), c.expected);
  });
}

test('components: quick fixes name the replacement', async () => {
  assert.deepEqual(await fixesOf(variant(['lora_llama3_2_1b', 'lora_llama3_2_1B']), 'torchtune/unknown-component'), ['torchtune.models.llama3_2.lora_llama3_2_1b']);
  assert.deepEqual(await fixesOf(variant(['torchtune.training.metric_logging.DiskLogger', 'torchtune.utils.metric_logging.DiskLogger']), 'torchtune/moved-component'), ['torchtune.training.metric_logging.DiskLogger']);
  const erratum = await fixesOf(variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.qwen2_5.lora_qwen2_5_7b']), 'torchtune/unknown-component');
  assert.deepEqual(erratum.slice(0, 2), ['torchtune.models.qwen2_5.lora_qwen2_5_7b_base', 'torchtune.models.qwen2_5.lora_qwen2_5_7b_instruct']);
  assert.deepEqual(await fixesOf(variant(['torchtune.training.setup_torch_profiler', 'torchtune.training._profiler.setup_torch_profiler']), 'torchtune/profiler-component'), ['torchtune.training.setup_torch_profiler']);
});
