/** `llamafactory-cli export`: merging adapters and GPTQ export (ExportArguments and export_model). */
import type { Rule } from '../rule';
import { Reporter, isSet } from '../rule';

export const exporting: Rule = {
  codes: {
    'llamafactory/export-quantization-dataset': '`export_quantization_bit` without `export_quantization_dataset`.',
    'llamafactory/export-merge-quantized': 'Merging adapters into a quantized model, or quantizing before the adapters are merged.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    if (isSet(ctx, 'export_quantization_bit') && !isSet(ctx, 'export_quantization_dataset')) {
      r.report('llamafactory/export-quantization-dataset', 'error', 'GPTQ export calibrates on data: LLaMA-Factory stops without `export_quantization_dataset`. Add it (e.g. `data/c4_demo.jsonl`).', ['export_quantization_bit']);
    }
    if (!isSet(ctx, 'adapter_name_or_path')) return r.issues;
    if (isSet(ctx, 'export_quantization_bit')) {
      r.report('llamafactory/export-merge-quantized', 'error', 'LLaMA-Factory cannot merge adapters and quantize in one export ("Please merge adapters before quantizing the model"). Export the merged model first, then quantize it in a second export.', ['export_quantization_bit']);
    }
    if (isSet(ctx, 'export_dir') && isSet(ctx, 'quantization_bit')) {
      r.report('llamafactory/export-merge-quantized', 'error', 'Adapters cannot be merged into a quantized model; LLaMA-Factory stops. Remove `quantization_bit` and merge into the full-precision base model.', ['quantization_bit']);
    }
    return r.issues;
  },
};
