import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkpointingRules } from '../../../../core/src/rules/axolotl/checkpointing';
import { BASE, fixed, runTable } from './table';

runTable('checkpointing', checkpointingRules, [
  { name: 'checkpointing with offloading', text: 'gradient_checkpointing: true\nactivation_offloading: true\n', expect: [] },
  { name: 'offloading without checkpointing', text: 'activation_offloading: legacy\n', expect: ['axolotl/offloading-needs-checkpointing@1'] },
  { name: 'offload spelled the old way', text: 'gradient_checkpointing: offload\n', expect: ['axolotl/deprecated-checkpointing-value@1'] },
  { name: 'offload_disk spelled the old way', text: 'gradient_checkpointing: offload_disk\n', expect: ['axolotl/deprecated-checkpointing-value@1'] },
  { name: 'selective checkpointing needs checkpointing', text: 'selective_checkpointing: true\n', expect: ['axolotl/selective-needs-checkpointing@1'] },
  { name: 'selective checkpointing with reentrant and disk offload', text: 'gradient_checkpointing: true\nselective_checkpointing: true\ngradient_checkpointing_kwargs:\n  use_reentrant: true\nactivation_offloading: disk\n', expect: ['axolotl/selective-with-reentrant@4', 'axolotl/selective-with-offloading@5'] },
  { name: 'selective checkpointing with hidden-state offload', text: 'gradient_checkpointing: true\nselective_checkpointing: true\nactivation_offloading: hidden_states\n', expect: [] },
  { name: 'selective checkpointing saving matmuls under LoRA', text: 'adapter: lora\nlora_r: 8\nlora_alpha: 8\ngradient_checkpointing: true\nselective_checkpointing:\n  save: [attention, aten::mm]\n', expect: ['axolotl/selective-matmul-with-adapter@6'] },
  { name: 'frozen layers with reentrant checkpointing', text: 'unfrozen_parameters: ["model.layers.1.*"]\ngradient_checkpointing: true\ngradient_checkpointing_kwargs:\n  use_reentrant: true\n', expect: ['axolotl/reentrant-with-frozen@4'] },
  { name: 'MPT with checkpointing', text: 'base_model: mosaicml/mpt-7b\ngradient_checkpointing: true\n', expect: ['axolotl/model-no-checkpointing@2'] },
  { name: 'Nemotron-H with checkpointing needs packing', text: 'base_model: nvidia/Nemotron-H-8B-Base-8K\ngradient_checkpointing: true\n', expect: ['axolotl/model-no-checkpointing@2'] },
]);

test('checkpointing fixes: old offload value, missing checkpointing, reentrant', async () => {
  assert.equal(await fixed(`${BASE}gradient_checkpointing: offload\n`, 'axolotl/deprecated-checkpointing-value'), `${BASE}gradient_checkpointing: true\nactivation_offloading: true\n`);
  assert.equal(await fixed(`${BASE}gradient_checkpointing: offload_disk\n`, 'axolotl/deprecated-checkpointing-value'), `${BASE}gradient_checkpointing: true\nactivation_offloading: disk\n`);
  assert.equal(await fixed(`${BASE}activation_offloading: true\n`, 'axolotl/offloading-needs-checkpointing'), `${BASE}activation_offloading: true\ngradient_checkpointing: true\n`);
  assert.equal(await fixed(`${BASE}activation_offloading: true\ngradient_checkpointing: false\n`, 'axolotl/offloading-needs-checkpointing'), `${BASE}activation_offloading: true\ngradient_checkpointing: true\n`);
});
