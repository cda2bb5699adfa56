import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantizationRules } from '../../../../core/src/rules/axolotl/quantization';
import { BASE, fixed, runTable } from './table';

const LORA = 'adapter: lora\nlora_r: 16\nlora_alpha: 32\n';

runTable('quantization', quantizationRules, [
  { name: '4-bit and 8-bit on a LoRA', text: `${LORA}load_in_4bit: true\nload_in_8bit: true\n`, expect: ['axolotl/4bit-and-8bit@5'] },
  { name: '4-bit and 8-bit on a QLoRA is left to the QLoRA rule', text: 'adapter: qlora\nlora_r: 8\nlora_alpha: 8\nload_in_4bit: true\nload_in_8bit: true\n', expect: [] },
  { name: 'one of them is fine', text: `${LORA}load_in_8bit: true\nload_in_4bit: false\n`, expect: [] },
  { name: 'quantization config with a bnb flag', text: `${LORA}model_quantization_config: Mxfp4Config\nload_in_4bit: true\n`, expect: ['axolotl/quant-config-with-bnb@5'] },
  { name: 'GPTQ with a revision', text: `${LORA}gptq: true\nmodel_revision: gptq-4bit-32g\n`, expect: ['axolotl/gptq-with-revision@5'] },
  { name: 'GPTQ without a revision', text: `${LORA}gptq: true\n`, expect: [] },
  { name: 'MXFP4 with RAM-efficient FSDP loading', text: 'model_quantization_config: Mxfp4Config\nfsdp_version: 2\nfsdp_config:\n  cpu_ram_efficient_loading: true\n', expect: ['axolotl/mxfp4-ram-efficient-loading@4'] },
  { name: 'MXFP4 with the old prefixed key', text: 'model_quantization_config: Mxfp4Config\nfsdp_config:\n  fsdp_cpu_ram_efficient_loading: true\n', expect: ['axolotl/mxfp4-ram-efficient-loading@3'] },
  { name: 'FSDP2 with 4-bit DPO', text: `${LORA}load_in_4bit: true\nrl: dpo\nfsdp_version: 2\nfsdp_config:\n  offload_params: false\n`, expect: ['axolotl/fsdp2-kbit-preference@4'] },
  { name: 'FSDP2 with 4-bit GRPO is not refused', text: `${LORA}load_in_4bit: true\nrl: grpo\nfsdp_version: 2\nfsdp_config:\n  offload_params: false\n`, expect: [] },
  { name: 'MoE expert quantisation needs LoRA, k-bit and no target_linear', text: 'quantize_moe_experts: true\nlora_target_linear: true\n', expect: ['axolotl/moe-quant-needs-lora@1', 'axolotl/moe-quant-needs-kbit@1', 'axolotl/moe-quant-with-target-linear@2'] },
  { name: 'MoE expert quantisation set up right', text: `${LORA}load_in_4bit: true\nquantize_moe_experts: true\nlora_target_parameters: [mlp.experts.gate_up_proj]\nlora_dropout: 0\n`, expect: [] },
  { name: 'QAT with a 4-bit base', text: 'qat:\n  weight_dtype: int4\nload_in_4bit: true\n', expect: ['axolotl/qat-with-quantized-base@3'] },
  { name: 'QAT alone', text: 'qat:\n  weight_dtype: int4\n  group_size: 32\n', expect: [] },
]);

test('quantization fixes: drop the bnb flag next to a quantization config', async () => {
  assert.equal(await fixed(`${BASE}${LORA}model_quantization_config: Mxfp4Config\nload_in_4bit: true\n`, 'axolotl/quant-config-with-bnb'), `${BASE}${LORA}model_quantization_config: Mxfp4Config\n`);
});
