/** The torchtune recipe schema: top-level keys, types with OmegaConf interpolations, enums. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { BASE, issuesOf, variant } from './base';

const CASES: Case[] = [
  { name: 'a LoRA key at the top level instead of in `model`', text: `${BASE}lora_rank: 8\n`, expected: ['schema/unknown-key@52'] },
  { name: 'batch size 0', text: variant(['batch_size: 4', 'batch_size: 0']), expected: ['schema/out-of-range@27'] },
  { name: 'an interpolation stands in for a number', text: `${BASE}batch_size_val: \${batch_size}\n`, expected: [] },
  { name: 'a plain string where a number belongs', text: variant(['batch_size: 4', 'batch_size: four']), expected: ['schema/invalid-value@27'] },
  { name: 'a number written 3e-4 (a float for OmegaConf)', text: `${BASE}clip_grad_norm: 1e1\n`, expected: [] },
  { name: 'a component block without `_component_`', text: variant(['loss:\n  _component_: torchtune.modules.loss.LinearCrossEntropyLoss', 'loss:\n  num_output_chunks: 8']), expected: ['schema/missing-key@35'] },
  { name: 'dtype spelled the torch way', text: variant(['dtype: bf16', 'dtype: bfloat16']), expected: ['schema/invalid-value@46'] },
  { name: 'an unknown device', text: variant(['device: cuda', 'device: gpu']), expected: ['schema/invalid-value@45'] },
  { name: 'a device index', text: variant(['device: cuda', 'device: cuda:1']), expected: [] },
  { name: 'an unknown checkpoint model type', text: variant(['model_type: LLAMA3_2', 'model_type: LLAMA3_3']), expected: ['schema/invalid-value@20'] },
  { name: 'a legacy fsdp block is ignored', text: `${BASE}fsdp:\n  cpu_offload: True\n`, expected: ['schema/deprecated-key@52'] },
];

for (const c of CASES) {
  test(`schema: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'schema/'), c.expected);
  });
}
