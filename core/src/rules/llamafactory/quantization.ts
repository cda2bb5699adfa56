/** On-the-fly quantization (`quantization_bit`): which methods, bit widths and features go with it. */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn } from '../rule';
import { removeKeyFix, replaceValueFix } from '../fixes';
import { listOf, setting, usesFsdp, zeroStage } from './helpers';

/** Bit widths each on-the-fly method implements (model/model_utils/quantization.py). */
const BITS: Record<string, number[]> = { bnb: [4, 8], hqq: [1, 2, 3, 4, 5, 6, 8], eetq: [8] };

export const quantization: Rule = {
  codes: {
    'llamafactory/quantization-needs-adapter': 'A quantized base model with full or freeze tuning, which LLaMA-Factory refuses.',
    'llamafactory/quantization-bits': '`quantization_bit` that the chosen `quantization_method` cannot produce.',
    'llamafactory/quantization-not-on-the-fly': '`quantization_bit` with a method that only loads pre-quantized checkpoints.',
    'llamafactory/quantized-incompatible': 'A feature LLaMA-Factory refuses on a quantized model (PiSSA init, vocabulary resize, new adapter, several adapters).',
    'llamafactory/quantization-device-map-train': '`quantization_device_map: auto` while training.',
    'llamafactory/quantization-sharded': 'On-the-fly quantization that cannot be sharded by DeepSpeed ZeRO-3 or FSDP.',
    'llamafactory/fp8-with-quantization': 'FP8 training together with `quantization_bit`.',
    'llamafactory/upcast-layernorm': 'Quantized training without `upcast_layernorm`, which LLaMA-Factory recommends.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const bits = ctx.config.quantization_bit;
    if (typeof bits !== 'number') return r.issues;
    const method = String(setting(ctx, 'finetuning_type'));
    if (method !== 'lora' && method !== 'oft') {
      r.report('llamafactory/quantization-needs-adapter', 'error', `A quantized base model cannot be trained with \`finetuning_type: ${method}\`: LLaMA-Factory stops ("Quantization is only compatible with the LoRA or OFT method"). Use \`lora\` or \`oft\`, or remove \`quantization_bit\`.`, ['quantization_bit'], 'key', [removeKeyFix(ctx, 'quantization_bit')]);
    }
    bitWidth(ctx, r, bits);
    incompatible(ctx, r);
    if (isOn(ctx, 'do_train') && ctx.config.quantization_device_map === 'auto') {
      r.report('llamafactory/quantization-device-map-train', 'error', '`quantization_device_map: auto` is for inference; LLaMA-Factory refuses it for training ("Cannot use device map for quantized models in training"). Remove it.', ['quantization_device_map'], 'key', [removeKeyFix(ctx, 'quantization_device_map')]);
    }
    if (isOn(ctx, 'fp8')) {
      r.report('llamafactory/fp8-with-quantization', 'error', 'FP8 training cannot be combined with a quantized base model; LLaMA-Factory stops. Remove `fp8` or `quantization_bit`.', ['fp8']);
    }
    if (isOn(ctx, 'do_train') && !isOn(ctx, 'upcast_layernorm')) {
      r.report('llamafactory/upcast-layernorm', 'hint', 'LLaMA-Factory recommends `upcast_layernorm: true` when training a quantized model (layer norms in fp32 are more stable).', ['quantization_bit']);
    }
    return r.issues;
  },
};

function bitWidth(ctx: RuleContext, r: Reporter, bits: number): void {
  const qm = String(setting(ctx, 'quantization_method'));
  const allowed = BITS[qm];
  if (!allowed) {
    r.report('llamafactory/quantization-not-on-the-fly', 'warning', `\`quantization_method: ${qm}\` is for checkpoints that are already quantized (detected from the model), so \`quantization_bit\` does not quantize anything. Use \`bnb\`, \`hqq\` or \`eetq\` to quantize on the fly, or drop \`quantization_bit\`.`, ['quantization_bit']);
    return;
  }
  if (!allowed.includes(bits)) {
    const nearest = allowed.includes(4) ? 4 : allowed[0];
    r.report('llamafactory/quantization-bits', 'error', `\`${qm}\` quantizes to ${allowed.join(', ')} bits, not ${bits}; LLaMA-Factory stops while loading the model.`, ['quantization_bit'], 'value', [replaceValueFix(ctx, 'quantization_bit', nearest, `Change to ${nearest}`)]);
    return;
  }
  const sharded = zeroStage(ctx) === 3 || usesFsdp(ctx);
  if (sharded && (qm !== 'bnb' || bits !== 4)) {
    r.report('llamafactory/quantization-sharded', 'error', `Under DeepSpeed ZeRO-3 or FSDP only 4-bit bitsandbytes quantization can be sharded; \`${qm}\` with ${bits} bits makes LLaMA-Factory stop. Use \`quantization_bit: 4\` with \`quantization_method: bnb\`.`, ['quantization_bit'], 'value');
  }
}

function incompatible(ctx: RuleContext, r: Reporter): void {
  const why = (key: string, text: string) => r.report('llamafactory/quantized-incompatible', 'error', text, [key], 'key', [removeKeyFix(ctx, key)]);
  if (isOn(ctx, 'pissa_init')) why('pissa_init', 'PiSSA cannot initialise adapters on a quantized model; LLaMA-Factory stops and points to `scripts/pissa_init.py`. Initialise PiSSA offline or drop `quantization_bit`.');
  if (isOn(ctx, 'resize_vocab')) why('resize_vocab', 'The embeddings of a quantized model cannot be resized; LLaMA-Factory stops. Remove `resize_vocab` or `quantization_bit`.');
  const adapters = listOf(ctx.config.adapter_name_or_path);
  if (adapters.length > 0 && isOn(ctx, 'create_new_adapter')) why('create_new_adapter', 'LLaMA-Factory cannot create a new adapter on top of adapters of a quantized model. Remove `create_new_adapter`.');
  if (adapters.length > 1) r.report('llamafactory/quantized-incompatible', 'error', `A quantized model accepts a single adapter, not ${adapters.length}; LLaMA-Factory stops. Merge the adapters first.`, ['adapter_name_or_path'], 'value');
}
