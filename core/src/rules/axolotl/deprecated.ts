/**
 * Keys axolotl no longer supports and refuses outright (renamed keys that still work are marked
 * deprecated in the schema and reported as warnings there), and old/new pairs set together.
 */
import { removeKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

/** Removed keys, what replaced them, and whether axolotl refuses any value or only a truthy one. */
const REMOVED: [key: string, instead: string, anyValue: boolean][] = [
  ['max_packed_sequence_len', 'use `sample_packing: true` with `sequence_len`', false],
  ['rope_scaling', 'put `rope_scaling` under `model_config`', false],
  ['s2_attention', 'shifted-sparse attention is gone; pick another `attn_implementation`', false],
  ['flash_attn_rms_norm', 'remove it (the Liger plugin has an RMSNorm kernel)', false],
  ['dpo_use_logits_to_keep', 'TRL 0.29 removed it', true],
  ['dpo_generate_during_eval', 'TRL 0.29 removed it', true],
  ['dpo_norm_loss', 'TRL 0.29 changed the DPO losses', true],
  ['rpo_alpha', 'TRL 0.29 needs several DPO loss types for RPO, which axolotl does not support yet', true],
  ['unsloth_cross_entropy_loss', 'remove it', false],
  ['unsloth_lora_mlp', 'use `lora_mlp_kernel`', false],
  ['unsloth_lora_qkv', 'use `lora_qkv_kernel`', false],
  ['unsloth_lora_o', 'use `lora_o_kernel`', false],
  ['unsloth_rms_norm', 'remove it', false],
  ['unsloth_rope', 'remove it', false],
];

/** Old and new spellings that axolotl refuses to see together. */
const RENAMED_PAIRS: [old: string, current: string][] = [
  ['noisy_embedding_alpha', 'neftune_noise_alpha'],
  ['pretrain_multipack_buffer_size', 'streaming_multipack_buffer_size'],
];

export const deprecatedRules = ruleFamily(
  {
    'axolotl/removed-key': 'A key axolotl 0.18 no longer supports and refuses.',
    'axolotl/renamed-key-conflict': 'A deprecated key and its replacement set together.',
  },
  [removed, renamedPairs],
);

function removed(c: AxolotlConfig): void {
  for (const [key, instead, anyValue] of REMOVED) {
    if (anyValue ? !c.set(key) : !c.on(key)) continue;
    c.error('axolotl/removed-key', `\`${key}\` is no longer supported and axolotl refuses to start with it: ${instead}.`, key, 'key', [removeKeyFix(c.ctx, key, true)]);
  }
}

function renamedPairs(c: AxolotlConfig): void {
  for (const [old, current] of RENAMED_PAIRS) {
    if (c.on(old) && c.on(current)) {
      c.error('axolotl/renamed-key-conflict', `\`${old}\` is the old name of \`${current}\`; axolotl refuses both together. Remove \`${old}\`.`, old, 'key', [removeKeyFix(c.ctx, old, true)]);
    }
  }
}
