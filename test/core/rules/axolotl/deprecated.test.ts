import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deprecatedRules } from '../../../../core/src/rules/axolotl/deprecated';
import { BASE, fixed, issuesFor, runTable } from './table';

runTable('deprecated', deprecatedRules, [
  { name: 'an old packing length', text: 'max_packed_sequence_len: 2048\n', expect: ['axolotl/removed-key@1'] },
  { name: 'an empty old key is ignored', text: 'max_packed_sequence_len:\nrope_scaling:\n', expect: [] },
  { name: 'a top-level rope_scaling', text: 'rope_scaling:\n  type: linear\n  factor: 2\n', expect: ['axolotl/removed-key@1'] },
  { name: 'removed DPO options are refused with any value', text: 'dpo_norm_loss: false\n', expect: ['axolotl/removed-key@1'] },
  { name: 'an Unsloth patch', text: 'unsloth_lora_mlp: true\n', expect: ['axolotl/removed-key@1'] },
  { name: 'an Unsloth patch switched off', text: 'unsloth_lora_mlp: false\n', expect: [] },
  { name: 'old and new NEFTune keys', text: 'noisy_embedding_alpha: 5\nneftune_noise_alpha: 5\n', expect: ['axolotl/renamed-key-conflict@1'] },
]);

test('renamed keys that still work are schema deprecations with a rename fix', async () => {
  const issues = await issuesFor(`${BASE}dpo_beta: 0.1\n`);
  const dep = issues.find((i) => i.code === 'schema/deprecated-key');
  assert.equal(dep?.severity, 'warning');
  assert.equal(dep?.fixes?.[0].title, 'Rename to `rl_beta`');
  assert.equal(await fixed(`${BASE}dpo_beta: 0.1\n`, 'schema/deprecated-key'), `${BASE}rl_beta: 0.1\n`);
  assert.equal(await fixed(`${BASE}max_packed_sequence_len: 2048\n`, 'axolotl/removed-key'), BASE);
});
