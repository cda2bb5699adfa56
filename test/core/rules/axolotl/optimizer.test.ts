import assert from 'node:assert/strict';
import { test } from 'node:test';
import { optimizerRules } from '../../../../core/src/rules/axolotl/optimizer';
import { BASE, fixed, runTable } from './table';

const FSDP2 = 'fsdp_version: 2\nfsdp_config:\n  reshard_after_forward: true\n';
const FSDP1 = 'fsdp_config:\n  offload_params: true\n';

runTable('optimizer', optimizerRules, [
  { name: 'Adam betas with AdamW', text: 'optimizer: adamw_torch\nadam_beta2: 0.95\n', expect: [] },
  { name: 'Adam betas with the default optimizer', text: 'adam_beta2: 0.95\n', expect: [] },
  { name: 'Adam betas with Adafactor', text: 'optimizer: adafactor\nadam_beta2: 0.95\n', expect: ['axolotl/adam-params-unused@2'] },
  { name: 'Muon on DeepSpeed', text: 'optimizer: muon\ndeepspeed: deepspeed_configs/zero2.json\n', expect: ['axolotl/optimizer-needs-fsdp2@1'] },
  { name: 'Muon on FSDP1', text: `optimizer: muon\n${FSDP1}`, expect: ['axolotl/optimizer-needs-fsdp2@1'] },
  { name: 'Muon on FSDP2', text: `optimizer: muon\n${FSDP2}`, expect: [] },
  { name: 'Q-GaLore with an adapter', text: 'optimizer: q_galore_adamw8bit\nadapter: lora\n', expect: ['axolotl/q-galore-incompatible@1'] },
  { name: 'Q-GaLore on FSDP2 without use_orig_params', text: `optimizer: q_galore_adamw8bit\n${FSDP2}`, expect: ['axolotl/q-galore-incompatible@1'] },
  { name: 'Q-GaLore without half precision', text: 'optimizer: q_galore_adamw8bit\nbf16: false\n', expect: ['axolotl/q-galore-full-precision@1'] },
  { name: 'warm-up in steps and as a ratio', text: 'warmup_steps: 10\nwarmup_ratio: 0.1\n', expect: ['axolotl/warmup-steps-and-ratio@2'] },
  { name: 'warm-up ratio with zero steps', text: 'warmup_steps: 0\nwarmup_ratio: 0.1\n', expect: [] },
  { name: 'FSDP1 offload with an 8-bit optimizer', text: `optimizer: paged_adamw_8bit\n${FSDP1}`, expect: ['axolotl/fsdp-offload-8bit-optimizer@1'] },
  { name: 'FSDP2 with bitsandbytes 8-bit AdamW', text: `optimizer: adamw_bnb_8bit\n${FSDP2}`, expect: ['axolotl/fsdp2-bnb-8bit-optimizer@1'] },
  { name: 'FSDP2 with torchao 8-bit AdamW', text: `optimizer: adamw_torch_8bit\n${FSDP2}`, expect: [] },
  { name: 'tensor parallel with an 8-bit optimizer', text: 'optimizer: adamw_8bit\ntensor_parallel_size: 2\n', expect: ['axolotl/tensor-parallel-8bit-optimizer@1'] },
  { name: 'LR groups with LoRA+', text: 'lr_groups:\n  - name: emb\n    modules: [embed_tokens]\n    lr: 0.00001\nloraplus_lr_ratio: 16\n', expect: ['axolotl/lr-groups-with-loraplus@5'] },
]);

test('optimizer fixes: switch FSDP2 to the torchao 8-bit AdamW, drop one warm-up', async () => {
  assert.equal(await fixed(`${BASE}optimizer: adamw_bnb_8bit\n${FSDP2}`, 'axolotl/fsdp2-bnb-8bit-optimizer'), `${BASE}optimizer: adamw_torch_8bit\n${FSDP2}`);
  assert.equal(await fixed(`${BASE}warmup_steps: 10\nwarmup_ratio: 0.1\n`, 'axolotl/warmup-steps-and-ratio', 'Remove `warmup_steps`'), `${BASE}warmup_ratio: 0.1\n`);
});
