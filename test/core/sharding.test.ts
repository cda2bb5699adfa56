/**
 * DeepSpeed settings mean the same in every format that takes them: the file names the tools ship
 * (axolotl's deepspeed_configs/, LLaMA-Factory's examples/deepspeed/) and inline configs, where an
 * offload block only moves anything with `device: cpu` or `nvme` (DeepSpeed's default is "none").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FormatId } from '../../core/src/index';
import { FORMATS } from '../../core/src/index';
import { doc } from '../helpers/fixtures';

const HEADS: [FormatId, string, string][] = [
  ['axolotl', '/p/train.yml', 'base_model: m\nadapter: lora\nlora_r: 8\nlora_alpha: 16\ndatasets:\n  - path: a\n    type: alpaca\n'],
  ['llamafactory', '/p/lf.yaml', 'model_name_or_path: m\nstage: sft\n'],
  ['trl', '/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\n'],
];

const CASES: [title: string, deepspeed: string, expected: object][] = [
  ['a ZeRO-3 file that offloads both', 'deepspeed_configs/zero3_cpuoffload.json', { kind: 'deepspeed', stage: 3, offloadParams: true, offloadOptimizer: true }],
  // axolotl 0.18 ships this file with max_live_parameters and max_reuse_distance 0.
  ['a ZeRO-3 file that offloads the parameters only', 'deepspeed_configs/zero3_bf16_cpuoffload_params.json', { kind: 'deepspeed', stage: 3, offloadParams: true, offloadOptimizer: false, maxLiveElements: 0, maxReuseElements: 0 }],
  ['a ZeRO-2 file that offloads the optimizer', 'examples/deepspeed/ds_z2_offload_config.json', { kind: 'deepspeed', stage: 2, offloadParams: false, offloadOptimizer: true }],
  ['an inline offload block without a device', '\n  zero_optimization:\n    stage: 3\n    offload_param:\n      pin_memory: true', { kind: 'deepspeed', stage: 3, offloadParams: false, offloadOptimizer: false }],
  ['an inline NVMe offload', '\n  zero_optimization:\n    stage: 3\n    offload_param:\n      device: nvme\n    offload_optimizer:\n      device: none', { kind: 'deepspeed', stage: 3, offloadParams: true, offloadOptimizer: false }],
  [
    'inline bucket sizes ("auto" left to the Trainer)',
    '\n  zero_optimization:\n    stage: 3\n    reduce_bucket_size: 500000\n    stage3_prefetch_bucket_size: auto',
    { kind: 'deepspeed', stage: 3, offloadParams: false, offloadOptimizer: false, reduceBucketElements: 500000 },
  ],
];

for (const [format, path, head] of HEADS) {
  for (const [title, deepspeed, expected] of CASES) {
    test(`sharding (${format}): ${title}`, () => {
      const d = doc(path, `${head}deepspeed: ${deepspeed}\n`);
      assert.equal(d.format, format);
      assert.deepEqual(FORMATS[format].extract(d).training.sharding?.value, expected);
    });
  }
}

for (const [format, path, head] of HEADS) {
  test(`sharding (${format}): \`deepspeed: false\` is no DeepSpeed`, () => {
    assert.equal(FORMATS[format].extract(doc(path, `${head}deepspeed: false\n`)).training.sharding, undefined);
  });
}
