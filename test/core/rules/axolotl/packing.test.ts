import { packingRules } from '../../../../core/src/rules/axolotl/packing';
import { runTable } from './table';

runTable('packing', packingRules, [
  { name: 'packing with flash attention', text: 'sample_packing: true\nattn_implementation: flash_attention_2\n', expect: [] },
  { name: 'packing with sdpa', text: 'sample_packing: true\nattn_implementation: sdpa\n', expect: [] },
  { name: 'packing with the legacy flag', text: 'sample_packing: true\nflash_attention: true\n', expect: [] },
  { name: 'packing without a backend', text: 'sample_packing: true\n', expect: ['axolotl/packing-attention@1'] },
  { name: 'packing with fp8 attention', text: 'sample_packing: true\nattn_implementation: fp8\n', expect: ['axolotl/packing-attention@2'] },
  { name: 'packing with a Hub kernel is left alone', text: 'sample_packing: true\nattn_implementation: kernels-community/vllm-flash-attn3\n', expect: [] },
  { name: 'packing with RL', text: 'sample_packing: true\nattn_implementation: sdpa\nrl: dpo\n', expect: ['axolotl/packing-with-rl@1'] },
  { name: 'packing with an eval table', text: 'sample_packing: true\nattn_implementation: sdpa\neval_table_size: 5\n', expect: ['axolotl/packing-with-eval-table@3'] },
  { name: 'eval table with unpacked eval', text: 'sample_packing: true\nattn_implementation: sdpa\neval_table_size: 5\neval_sample_packing: false\n', expect: [] },
  { name: 'packing with padding off', text: 'sample_packing: true\nattn_implementation: sdpa\npad_to_sequence_len: false\n', expect: ['axolotl/packing-without-padding@3'] },
  { name: 'sdpa_varlen without packing', text: 'sdpa_varlen: true\n', expect: ['axolotl/sdpa-varlen-without-packing@1'] },
  { name: 'batch flattening with flash attention', text: 'batch_flattening: true\nattn_implementation: flash_attention_2\n', expect: [] },
  { name: 'batch flattening needs varlen attention', text: 'batch_flattening: true\nattn_implementation: sdpa\n', expect: ['axolotl/batch-flattening-needs-varlen@1'] },
  { name: 'batch flattening with packing', text: 'batch_flattening: true\nsample_packing: true\nattn_implementation: flash_attention_2\n', expect: ['axolotl/batch-flattening-with-packing@1'] },
  { name: 'batch flattening auto is never refused', text: 'batch_flattening: auto\nsample_packing: true\nattn_implementation: sdpa\n', expect: [] },
  { name: 'streaming without max_steps, with a val split', text: 'streaming: true\nval_set_size: 0.05\n', expect: ['axolotl/streaming-needs-max-steps@1', 'axolotl/streaming-with-val-set@2'] },
  { name: 'streaming done right', text: 'streaming: true\nmax_steps: 1000\n', expect: [] },
  { name: 'pretraining dataset counts as streaming', text: 'pretraining_dataset:\n  - path: allenai/c4\n    name: en\n    type: pretrain\n', expect: ['axolotl/streaming-needs-max-steps@1'] },
  { name: 'packing several streamed datasets', text: 'streaming: true\nmax_steps: 10\nsample_packing: true\nattn_implementation: sdpa\ndatasets:\n  - path: a\n    type: alpaca\n  - path: b\n    type: alpaca\n', expect: ['axolotl/streaming-packing-multiple@3'] },
]);
