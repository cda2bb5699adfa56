import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adapterRules } from '../../../../core/src/rules/axolotl/adapter';
import { BASE, fixed, runTable } from './table';

const LORA = 'lora_r: 16\nlora_alpha: 32\n';

runTable('adapter', adapterRules, [
  { name: 'QLoRA on a 4-bit base is fine', text: `adapter: qlora\nload_in_4bit: true\n${LORA}`, expect: [] },
  { name: 'a quoted "true" is read as true', text: `adapter: qlora\nload_in_4bit: "true"\n${LORA}`, expect: [] },
  { name: 'QLoRA without load_in_4bit points at the adapter', text: `adapter: qlora\n${LORA}`, expect: ['axolotl/qlora-needs-4bit@1'] },
  { name: 'QLoRA with load_in_4bit: false points at the flag', text: `adapter: qlora\nload_in_4bit: false\n${LORA}`, expect: ['axolotl/qlora-needs-4bit@2'] },
  { name: 'QLoRA in 8-bit', text: `adapter: qlora\nload_in_4bit: true\nload_in_8bit: true\n${LORA}`, expect: ['axolotl/qlora-with-8bit@3'] },
  { name: 'QLoRA on GPTQ', text: `adapter: qlora\nload_in_4bit: true\ngptq: true\n${LORA}`, expect: ['axolotl/qlora-with-gptq@3'] },
  { name: 'merging QLoRA on a quantised base', text: `adapter: qlora\nmerge_lora: true\nload_in_4bit: true\n${LORA}`, expect: ['axolotl/qlora-merge-quantized@3'] },
  { name: 'merging QLoRA unquantised is fine', text: `adapter: qlora\nmerge_lora: true\n${LORA}`, expect: [] },
  { name: '4-bit without an adapter', text: 'load_in_4bit: true\n', expect: ['axolotl/kbit-needs-adapter@1'] },
  { name: '8-bit without an adapter', text: 'load_in_8bit: true\nload_in_4bit: false\n', expect: ['axolotl/kbit-needs-adapter@1'] },
  { name: '4-bit for inference needs no adapter', text: 'load_in_4bit: true\ninference: true\n', expect: [] },
  { name: 'an unknown adapter without plugins', text: `adapter: Lora\n${LORA}`, expect: ['axolotl/unknown-adapter@1'] },
  { name: 'a plugin adapter is left to the plugin', text: `adapter: mora\nplugins:\n  - axolotl.integrations.mora.MoraPlugin\n`, expect: ['axolotl/unknown-adapter@1'] },
  { name: 'LoRA without rank and alpha', text: 'adapter: lora\n', expect: ['axolotl/lora-missing-size@1'] },
  { name: 'LoRA with an empty lora_r', text: 'adapter: lora\nlora_r:\nlora_alpha: 16\n', expect: ['axolotl/lora-missing-size@2'] },
  { name: 'LoRA loaded from lora_model_dir takes rank and alpha from the saved adapter', text: 'adapter: lora\nlora_model_dir: ./outputs/lora-out\n', expect: [] },
  { name: 'LoRA keys without an adapter', text: 'lora_r: 8\nlora_target_linear: true\n', expect: ['axolotl/adapter-keys-without-adapter@1'] },
  { name: 'empty LoRA keys in a full fine-tune are fine', text: 'adapter:\nlora_r:\nlora_alpha:\n', expect: [] },
  { name: 'target parameters need zero dropout', text: `adapter: lora\n${LORA}lora_target_parameters:\n  - mlp.experts.gate_up_proj\nlora_dropout: 0.05\n`, expect: ['axolotl/target-parameters-dropout@6'] },
  { name: 'target parameters with zero dropout', text: `adapter: lora\n${LORA}lora_target_parameters: [mlp.experts.down_proj]\nlora_dropout: 0\n`, expect: [] },
  { name: 'an invalid regex in the target list', text: `adapter: lora\n${LORA}lora_target_modules:\n  - q_proj\n  - "(q|k_proj"\n`, expect: ['axolotl/invalid-target-regex@6'] },
  { name: 'an invalid regex string', text: `adapter: lora\n${LORA}lora_target_modules: 'model.layers.[\\d+.(q|v)_proj'\n`, expect: ['axolotl/invalid-target-regex@4'] },
  { name: 'an invalid regex string with lora_target_linear is only a module name', text: `adapter: lora\n${LORA}lora_target_linear: true\nlora_target_modules: 'model.layers.[\\d+.(q|v)_proj'\n`, expect: [] },
  { name: 'Python-only regex syntax is valid', text: `adapter: lora\n${LORA}lora_target_modules: '(?P<layer>layers\\.\\d+)\\.self_attn\\.(q|v)_proj\\Z'\n`, expect: [] },
  { name: 'layers_pattern alone', text: `adapter: lora\n${LORA}peft_layers_pattern: [layers]\n`, expect: ['axolotl/layers-pattern-needs-layers@4'] },
  { name: 'layers_pattern with layers', text: `adapter: lora\n${LORA}peft_layers_pattern: [layers]\npeft_layers_to_transform: [0, 1]\n`, expect: [] },
  { name: 'unfrozen parameters with layer selection', text: `adapter: lora\n${LORA}peft_layers_to_transform: [0]\nunfrozen_parameters: ['lm_head.*']\n`, expect: ['axolotl/unfrozen-with-layers-to-transform@5'] },
  { name: 'fused MLP with LoRA', text: `adapter: lora\n${LORA}flash_attn_fuse_mlp: true\n`, expect: ['axolotl/fused-mlp-with-lora@4'] },
  { name: 'LoRA kernels with 8-bit LoRA', text: `adapter: lora\nload_in_8bit: true\n${LORA}lora_mlp_kernel: true\n`, expect: ['axolotl/lora-kernels-8bit@5'] },
  { name: 'LoRA kernels with remote code', text: `adapter: lora\n${LORA}lora_qkv_kernel: true\ntrust_remote_code: true\n`, expect: ['axolotl/lora-kernels-remote-code@4'] },
  { name: 'LoRA kernels with FSDP1 (no fsdp_version)', text: `adapter: lora\n${LORA}lora_mlp_kernel: true\nfsdp_config:\n  reshard_after_forward: true\n`, expect: ['axolotl/lora-kernels-fsdp1@4'] },
  { name: 'LoRA kernels with FSDP2', text: `adapter: lora\n${LORA}lora_mlp_kernel: true\nfsdp_version: 2\nfsdp_config:\n  reshard_after_forward: true\n`, expect: [] },
  { name: 'kernels switched off with 8-bit LoRA are fine', text: `adapter: lora\nload_in_8bit: true\n${LORA}lora_mlp_kernel: false\n`, expect: [] },
  { name: 'onebitllms with LoRA', text: `adapter: lora\n${LORA}use_onebitllms: true\n`, expect: ['axolotl/onebitllms-with-lora@4'] },
  { name: 'QLoRA on ZeRO-3 non-reentrant', text: `adapter: qlora\nload_in_4bit: true\n${LORA}deepspeed: deepspeed_configs/zero3_bf16.json\ngradient_checkpointing: true\ngradient_checkpointing_kwargs:\n  use_reentrant: false\n`, expect: ['axolotl/qlora-zero3-non-reentrant@8'] },
  { name: 'a fixed token that is not trainable', text: `adapter: lora\n${LORA}fix_untrained_tokens: [128001, 128002]\npeft_trainable_token_indices: [128001]\n`, expect: ['axolotl/untrained-token-not-trainable@4'] },
  { name: 'ReLoRA without restart steps', text: `adapter: lora\n${LORA}relora: true\n`, expect: ['axolotl/relora-needs-restart-steps@4'] },
  { name: 'ReLoRA with DeepSpeed', text: `adapter: lora\n${LORA}relora: true\njagged_restart_steps: 100\ndeepspeed: deepspeed_configs/zero2.json\n`, expect: ['axolotl/relora-incompatible@4'] },
  { name: 'ReLoRA set up right', text: `adapter: qlora\nload_in_4bit: true\n${LORA}relora: true\njagged_restart_steps: 150\n`, expect: [] },
]);

test('adapter fixes: add load_in_4bit for QLoRA, fill in an empty flag, fix an adapter name', async () => {
  assert.equal(await fixed(`${BASE}adapter: qlora\n${LORA}`, 'axolotl/qlora-needs-4bit'), `${BASE}adapter: qlora\n${LORA}load_in_4bit: true\n`);
  assert.equal(await fixed(`${BASE}adapter: qlora\nload_in_4bit: false\n${LORA}`, 'axolotl/qlora-needs-4bit'), `${BASE}adapter: qlora\nload_in_4bit: true\n${LORA}`);
  assert.equal(await fixed(`${BASE}adapter: qlora\nload_in_4bit:\n${LORA}`, 'axolotl/qlora-needs-4bit'), `${BASE}adapter: qlora\nload_in_4bit: true\n${LORA}`);
  assert.equal(await fixed(`${BASE}adapter: Lora\n${LORA}`, 'axolotl/unknown-adapter'), `${BASE}adapter: lora\n${LORA}`);
  assert.equal(await fixed(`${BASE}adapter: qlora\nload_in_4bit: true\nload_in_8bit: true\n${LORA}`, 'axolotl/qlora-with-8bit'), `${BASE}adapter: qlora\nload_in_4bit: true\n${LORA}`);
});
