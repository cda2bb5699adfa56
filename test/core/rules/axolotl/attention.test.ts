import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionRules } from '../../../../core/src/rules/axolotl/attention';
import { BASE, fixed, runTable } from './table';

runTable('attention', attentionRules, [
  { name: 'a canonical backend', text: 'attn_implementation: flash_attention_2\n', expect: [] },
  { name: 'a Hub kernel path', text: 'attn_implementation: kernels-community/flash-attn3\n', expect: [] },
  { name: 'a refused short form', text: 'attn_implementation: flash\n', expect: ['axolotl/invalid-attn-implementation@1'] },
  { name: 'a misspelt backend', text: 'attn_implementation: flash_attention2\n', expect: ['axolotl/invalid-attn-implementation@1'] },
  { name: 'not a string', text: 'attn_implementation: true\n', expect: ['axolotl/invalid-attn-implementation@1'] },
  { name: 'canonical value with a legacy flag', text: 'attn_implementation: sdpa\nflash_attention: true\n', expect: ['axolotl/attn-with-legacy-flags@2'] },
  { name: 'a legacy flag switched off is fine', text: 'attn_implementation: sdpa\nflash_attention: false\n', expect: [] },
  { name: 'Gemma 4 hybrid with sdpa', text: 'gemma4_hybrid_attn_impl: true\nattn_implementation: sdpa\n', expect: ['axolotl/gemma4-hybrid-attn@2'] },
  { name: 'Gemma 4 hybrid alone', text: 'gemma4_hybrid_attn_impl: true\n', expect: [] },
  { name: 'an unknown large-head policy', text: 'large_head_attention: flash\n', expect: ['axolotl/invalid-large-head-attention@1'] },
  { name: 'large-head policies are case-insensitive', text: 'large_head_attention: AUTO\n', expect: [] },
  { name: 'SSMax without flex attention', text: 'scaling_softmax: true\nattn_implementation: sdpa\n', expect: ['axolotl/scaling-softmax-needs-flex@1'] },
  { name: 'SSMax with flex attention', text: 'scaling_softmax: true\nattn_implementation: flex_attention\n', expect: [] },
  { name: 'context parallelism without flash attention', text: 'context_parallel_size: 2\nattn_implementation: sdpa\n', expect: ['axolotl/context-parallel-needs-flash@1'] },
  { name: 'context parallelism with packing and a batch of 2', text: 'context_parallel_size: 2\nflash_attention: true\nsample_packing: true\nmicro_batch_size: 2\n', expect: ['axolotl/context-parallel-packing-batch@4'] },
  { name: 'the old sequence_parallel_degree counts too', text: 'sequence_parallel_degree: 4\n', expect: ['axolotl/context-parallel-needs-flash@1'] },
  { name: 'context parallelism of 1 needs nothing', text: 'context_parallel_size: 1\n', expect: [] },
]);

test('attention fixes: canonical name for a short form, drop a legacy flag', async () => {
  assert.equal(await fixed(`${BASE}attn_implementation: flash\n`, 'axolotl/invalid-attn-implementation'), `${BASE}attn_implementation: flash_attention_2\n`);
  assert.equal(await fixed(`${BASE}attn_implementation: sdpa\nflash_attention: true\n`, 'axolotl/attn-with-legacy-flags'), `${BASE}attn_implementation: sdpa\n`);
});
