import { lossRules } from '../../../../core/src/rules/axolotl/loss';
import { runTable } from './table';

const CCE = 'plugins:\n  - axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin\n';
const LIGER = 'plugins:\n  - axolotl.integrations.liger.LigerPlugin\n';

runTable('loss', lossRules, [
  { name: 'Cut Cross Entropy with bf16', text: `${CCE}cut_cross_entropy: true\nbf16: true\n`, expect: [] },
  { name: 'Cut Cross Entropy without half precision', text: `${CCE}cut_cross_entropy: true\n`, expect: ['axolotl/cce-needs-half-precision@3'] },
  { name: 'Cut Cross Entropy and chunked cross-entropy', text: `${CCE}chunked_cross_entropy: true\n`, expect: ['axolotl/multiple-cross-entropy@3'] },
  { name: 'two Liger losses', text: `${LIGER}liger_cross_entropy: true\nliger_fused_linear_cross_entropy: true\n`, expect: ['axolotl/multiple-cross-entropy@4'] },
  { name: 'a chunk size that is not a multiple of 128', text: `${CCE}bf16: true\ncut_cross_entropy_accum_c_fp32: true\ncut_cross_entropy_c_grad_chunk_size: 1000\n`, expect: ['axolotl/cce-chunk-size@5'] },
  { name: 'a chunk size without fp32 accumulation', text: `${CCE}bf16: true\ncut_cross_entropy_c_grad_chunk_size: auto\n`, expect: ['axolotl/cce-chunk-size@4'] },
  { name: 'a valid chunk size', text: `${CCE}bf16: true\ncut_cross_entropy_accum_c_fp32: true\ncut_cross_entropy_c_grad_chunk_size: 1024\n`, expect: [] },
]);
