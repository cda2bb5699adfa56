import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distributedRules } from '../../../../core/src/rules/axolotl/distributed';
import { BASE, fixed, runTable } from './table';

runTable('distributed', distributedRules, [
  { name: 'FSDP2 with current keys', text: 'fsdp_version: 2\nfsdp_config:\n  offload_params: false\n  reshard_after_forward: true\n', expect: [] },
  { name: 'DeepSpeed with the FSDP list', text: 'deepspeed: deepspeed_configs/zero3.json\nfsdp:\n  - full_shard\n', expect: ['axolotl/deepspeed-and-fsdp@2'] },
  { name: 'DeepSpeed with an FSDP config', text: 'deepspeed: deepspeed_configs/zero3.json\nfsdp_version: 2\nfsdp_config:\n  offload_params: false\n', expect: ['axolotl/deepspeed-and-fsdp@3'] },
  { name: 'FSDP1 is deprecated', text: 'fsdp_config:\n  offload_params: false\n', expect: ['axolotl/fsdp1-deprecated@1'] },
  { name: 'prefixed FSDP keys', text: 'fsdp_version: 2\nfsdp_config:\n  fsdp_offload_params: true\n  fsdp_sharding_strategy: FULL_SHARD\n  fsdp_version: 2\n', expect: ['axolotl/fsdp-prefixed-key@3', 'axolotl/fsdp-prefixed-key@4'] },
  { name: 'unpinned memory on FSDP1', text: 'fsdp_version: 1\nfsdp_config:\n  offload_params: true\n  cpu_offload_pin_memory: false\n', expect: ['axolotl/fsdp1-deprecated@1', 'axolotl/fsdp-pin-memory@4'] },
  { name: 'unpinned memory without offloading', text: 'fsdp_version: 2\nfsdp_config:\n  cpu_offload_pin_memory: false\n', expect: ['axolotl/fsdp-pin-memory@3'] },
  { name: 'unpinned memory on FSDP2 with offloading', text: 'fsdp_version: 2\nfsdp_config:\n  offload_params: true\n  cpu_offload_pin_memory: false\n', expect: [] },
  { name: 'size-based wrapping needs a size', text: 'fsdp_version: 2\nfsdp_config:\n  auto_wrap_policy: SIZE_BASED_WRAP\n', expect: ['axolotl/fsdp-size-wrap-needs-min-params@3'] },
  { name: 'size-based wrapping with a size', text: 'fsdp_version: 2\nfsdp_config:\n  auto_wrap_policy: SIZE_BASED_WRAP\n  min_num_params: 100000000\n', expect: [] },
  { name: 'Falcon with FSDP', text: 'base_model: tiiuae/falcon-7b\nfsdp:\n  - full_shard\n  - auto_wrap\n', expect: ['axolotl/falcon-fsdp@2'] },
  { name: 'DeepCompile without DeepSpeed', text: 'deepcompile: true\n', expect: ['axolotl/deepcompile-needs-deepspeed@1'] },
  { name: 'two memory caps', text: 'max_memory:\n  0: 20GiB\ngpu_memory_limit: 20\n', expect: ['axolotl/max-memory-and-limit@3'] },
]);

test('distributed fixes: rename a prefixed key, drop an unknown one', async () => {
  const text = `${BASE}fsdp_version: 2\nfsdp_config:\n  fsdp_offload_params: true\n  fsdp_sharding_strategy: FULL_SHARD\n`;
  assert.equal(await fixed(text, 'axolotl/fsdp-prefixed-key'), `${BASE}fsdp_version: 2\nfsdp_config:\n  offload_params: true\n  fsdp_sharding_strategy: FULL_SHARD\n`);
  assert.equal(await fixed(text, 'axolotl/fsdp-prefixed-key', 'Remove `fsdp_sharding_strategy`'), `${BASE}fsdp_version: 2\nfsdp_config:\n  fsdp_offload_params: true\n`);
});
