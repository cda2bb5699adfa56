/** Quantised loading rules: bitsandbytes flags, quantisation configs, QAT and MoE expert quantisation. */
import { fsdpOption, fsdpVersion, isLoraAdapter } from './facts';
import { removeKeyFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const quantizationRules = ruleFamily(
  {
    'axolotl/4bit-and-8bit': '`load_in_4bit` and `load_in_8bit` both on.',
    'axolotl/quant-config-with-bnb': '`model_quantization_config` together with `load_in_4bit`/`load_in_8bit`.',
    'axolotl/gptq-with-revision': '`gptq` with `model_revision`.',
    'axolotl/mxfp4-ram-efficient-loading': '`Mxfp4Config` with FSDP `cpu_ram_efficient_loading`.',
    'axolotl/fsdp2-kbit-preference': 'FSDP2 with 4/8-bit loading for DPO, KTO, ORPO or IPO.',
    'axolotl/moe-quant-with-target-linear': '`quantize_moe_experts` with `lora_target_linear`.',
    'axolotl/moe-quant-needs-lora': '`quantize_moe_experts` without a LoRA/QLoRA adapter.',
    'axolotl/moe-quant-needs-kbit': '`quantize_moe_experts` without 4/8-bit loading.',
    'axolotl/qat-with-quantized-base': '`qat` with PEFT or 4/8-bit loading.',
  },
  [bothBits, quantConfig, gptqRevision, mxfp4Loading, fsdp2Preference, moeExperts, qat],
);

function bothBits(c: AxolotlConfig): void {
  // With `adapter: qlora` the QLoRA rule already explains the conflict.
  if (!c.on('load_in_4bit') || !c.on('load_in_8bit') || c.get('adapter') === 'qlora') return;
  c.error('axolotl/4bit-and-8bit', 'The base can be loaded in 4-bit or in 8-bit, not both; bitsandbytes refuses the combination when the model loads. Remove one of the two.', 'load_in_8bit', 'key',
    [removeKeyFix(c.ctx, 'load_in_8bit'), removeKeyFix(c.ctx, 'load_in_4bit')]);
}

function quantConfig(c: AxolotlConfig): void {
  if (!c.on('model_quantization_config')) return;
  const bnb = c.firstOn(['load_in_4bit', 'load_in_8bit']);
  if (bnb) c.error('axolotl/quant-config-with-bnb', `\`model_quantization_config\` already quantises the base; axolotl refuses it together with \`${bnb}\`. Remove \`${bnb}\`.`, bnb, 'key', [removeKeyFix(c.ctx, bnb, true)]);
}

function gptqRevision(c: AxolotlConfig): void {
  const revision = c.set('model_revision') ? 'model_revision' : c.set('revision_of_model') ? 'revision_of_model' : undefined;
  if (c.on('gptq') && revision && c.on(revision)) {
    c.error('axolotl/gptq-with-revision', `axolotl does not support \`${revision}\` for GPTQ models: download that branch yourself, point \`base_model\` at it and remove \`${revision}\`.`, revision, 'key', [removeKeyFix(c.ctx, revision)]);
  }
}

function mxfp4Loading(c: AxolotlConfig): void {
  if (c.get('model_quantization_config') === 'Mxfp4Config' && fsdpOption(c, 'cpu_ram_efficient_loading') === true) {
    const key = c.set(['fsdp_config', 'cpu_ram_efficient_loading']) ? 'cpu_ram_efficient_loading' : 'fsdp_cpu_ram_efficient_loading';
    c.error('axolotl/mxfp4-ram-efficient-loading', 'FSDP `cpu_ram_efficient_loading` does not work with `Mxfp4Config` quantisation; axolotl refuses it. Set it to false.', ['fsdp_config', key], 'value');
  }
}

function fsdp2Preference(c: AxolotlConfig): void {
  const rl = c.get('rl');
  if (fsdpVersion(c) !== '2' || !['dpo', 'kto', 'orpo', 'ipo'].includes(String(rl))) return;
  const bnb = c.firstOn(['load_in_8bit', 'load_in_4bit']);
  if (bnb) c.error('axolotl/fsdp2-kbit-preference', `FSDP2 does not support \`${bnb}\` for \`rl: ${String(rl)}\`; axolotl refuses it. Use DeepSpeed, or \`fsdp_version: 1\`.`, bnb);
}

function moeExperts(c: AxolotlConfig): void {
  if (!c.on('quantize_moe_experts')) return;
  if (c.on('lora_target_linear')) {
    c.error('axolotl/moe-quant-with-target-linear', 'axolotl refuses `lora_target_linear` with `quantize_moe_experts`: quantised experts are not linear modules LoRA can wrap. Target expert weights with `lora_target_parameters` instead.', 'lora_target_linear', 'key', [removeKeyFix(c.ctx, 'lora_target_linear')]);
  }
  if (!isLoraAdapter(c.get('adapter'))) {
    c.error('axolotl/moe-quant-needs-lora', 'Quantised experts cannot be fully fine-tuned; axolotl requires `adapter: lora` or `qlora` with `quantize_moe_experts`.', 'quantize_moe_experts');
  }
  if (!c.on('load_in_4bit') && !c.on('load_in_8bit')) {
    c.error('axolotl/moe-quant-needs-kbit', 'axolotl requires `load_in_4bit` or `load_in_8bit` with `quantize_moe_experts` (it sets the expert quantisation). Add `load_in_4bit: true`.', 'quantize_moe_experts', 'key', [setKeyFix(c.ctx, 'load_in_4bit', true)]);
  }
}

function qat(c: AxolotlConfig): void {
  if (!c.on('qat')) return;
  const conflict = c.firstOn(['peft', 'load_in_8bit', 'load_in_4bit']);
  if (conflict) c.error('axolotl/qat-with-quantized-base', `Quantisation-aware training trains full-precision weights with fake quantisation; axolotl refuses \`qat\` together with \`${conflict}\`. Remove \`${conflict}\`.`, conflict, 'key', [removeKeyFix(c.ctx, conflict)]);
}
