import { quantization } from '../../../../core/src/rules/llamafactory/quantization';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: meta-llama/Meta-Llama-3-8B', 'stage: sft', 'dataset: alpaca_en_demo', 'template: llama3'];

ruleTable('llamafactory quantization', quantization, '/p/lf.yaml', [
  ['QLoRA (LoRA on 4-bit bnb)', lines(...base, 'finetuning_type: lora', 'quantization_bit: 4'), []],
  ['QLoRA with upcast_layernorm while training: no hint', lines(...base, 'do_train: true', 'quantization_bit: 4', 'upcast_layernorm: true'), []],
  ['training a quantized model without upcast_layernorm: a hint', lines(...base, 'do_train: true', 'quantization_bit: 4'), ['llamafactory/upcast-layernorm@6']],
  ['quantized full fine-tuning', lines(...base, 'finetuning_type: full', 'quantization_bit: 4'), ['llamafactory/quantization-needs-adapter@6']],
  ['quantized freeze tuning', lines(...base, 'finetuning_type: freeze', 'quantization_bit: 8'), ['llamafactory/quantization-needs-adapter@6']],
  ['quantized OFT', lines(...base, 'finetuning_type: oft', 'quantization_bit: 4'), []],
  ['bnb cannot do 3 bits', lines(...base, 'quantization_bit: 3'), ['llamafactory/quantization-bits@5']],
  ['hqq can do 3 bits', lines(...base, 'quantization_method: hqq', 'quantization_bit: 3'), []],
  ['eetq only does 8 bits', lines(...base, 'quantization_method: eetq', 'quantization_bit: 4'), ['llamafactory/quantization-bits@6']],
  ['gptq does not quantize on the fly', lines(...base, 'quantization_method: gptq', 'quantization_bit: 4'), ['llamafactory/quantization-not-on-the-fly@6']],
  ['no quantization_bit: nothing to check', lines(...base, 'quantization_method: gptq'), []],
  ['PiSSA on a quantized model', lines(...base, 'quantization_bit: 4', 'pissa_init: true'), ['llamafactory/quantized-incompatible@6']],
  ['resize_vocab on a quantized model', lines(...base, 'quantization_bit: 4', 'resize_vocab: true'), ['llamafactory/quantized-incompatible@6']],
  ['two adapters on a quantized model', lines(...base, 'quantization_bit: 4', 'adapter_name_or_path: a,b'), ['llamafactory/quantized-incompatible@6']],
  ['a new adapter on top of a quantized one', lines(...base, 'quantization_bit: 4', 'adapter_name_or_path: a', 'create_new_adapter: true'), ['llamafactory/quantized-incompatible@7']],
  ['device_map auto while training', lines(...base, 'do_train: true', 'upcast_layernorm: true', 'quantization_bit: 4', 'quantization_device_map: auto'), ['llamafactory/quantization-device-map-train@8']],
  ['device_map auto for inference', lines(...base, 'quantization_bit: 4', 'quantization_device_map: auto'), []],
  ['8-bit under ZeRO-3', lines(...base, 'quantization_bit: 8', 'deepspeed: examples/deepspeed/ds_z3_config.json'), ['llamafactory/quantization-sharded@5']],
  ['4-bit under FSDP is fine', lines(...base, 'quantization_bit: 4', 'fsdp: full_shard auto_wrap'), []],
  ['8-bit under ZeRO-2 is fine', lines(...base, 'quantization_bit: 8', 'deepspeed: ds_z2_config.json'), []],
  ['FP8 with quantization', lines(...base, 'quantization_bit: 4', 'fp8: true'), ['llamafactory/fp8-with-quantization@6']],
]);
