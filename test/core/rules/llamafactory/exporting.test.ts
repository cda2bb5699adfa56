import { exporting } from '../../../../core/src/rules/llamafactory/exporting';
import { lines, ruleTable } from '../ruleTable';

ruleTable('llamafactory export', exporting, '/p/lf.yaml', [
  ['merging a LoRA adapter', lines('model_name_or_path: Qwen/Qwen3-4B', 'adapter_name_or_path: saves/lora', 'template: qwen3', 'finetuning_type: lora', 'export_dir: out'), []],
  ['GPTQ export with calibration data', lines('model_name_or_path: saves/merged', 'template: qwen3', 'export_dir: out', 'export_quantization_bit: 4', 'export_quantization_dataset: data/c4_demo.jsonl'), []],
  ['GPTQ export without calibration data', lines('model_name_or_path: saves/merged', 'template: qwen3', 'export_dir: out', 'export_quantization_bit: 4'), ['llamafactory/export-quantization-dataset@4']],
  ['merging and quantizing at once', lines('model_name_or_path: m', 'adapter_name_or_path: a', 'export_dir: out', 'export_quantization_bit: 4', 'export_quantization_dataset: d'), ['llamafactory/export-merge-quantized@4']],
  ['merging into a quantized model', lines('model_name_or_path: m', 'adapter_name_or_path: a', 'quantization_bit: 4', 'export_dir: out'), ['llamafactory/export-merge-quantized@3']],
  ['chatting with a quantized model and an adapter', lines('model_name_or_path: m', 'adapter_name_or_path: a', 'quantization_bit: 4'), []],
]);
