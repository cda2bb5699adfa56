import { rlRules } from '../../../../core/src/rules/axolotl/rl';
import { runTable } from './table';

runTable('rl', rlRules, [
  { name: 'KTO set up right', text: 'rl: kto\nremove_unused_columns: false\n', expect: [] },
  { name: 'KTO keeping unused columns', text: 'rl: kto\n', expect: ['axolotl/kto-remove-unused-columns@1'] },
  { name: 'KTO with packed evaluation', text: 'rl: kto\nremove_unused_columns: false\neval_sample_packing: true\n', expect: ['axolotl/kto-packing@3'] },
  { name: 'SimPO with a warm-up ratio', text: 'rl: simpo\nwarmup_ratio: 0.1\n', expect: ['axolotl/simpo-warmup-ratio@2'] },
  { name: 'SimPO with warm-up steps', text: 'rl: simpo\nwarmup_steps: 10\n', expect: [] },
  { name: 'EBFT on axolotl 0.18: its validator crashes on the ebft section', text: 'rl: ebft\nebft:\n  mode: structured\n', expect: ['axolotl/ebft-validator-crash@2'] },
  { name: 'EBFT strided with torch_compile and checkpointing', text: 'rl: ebft\nebft:\n  mode: strided\ntorch_compile: true\ngradient_checkpointing: true\n', expect: ['axolotl/ebft-validator-crash@2', 'axolotl/ebft-compile-checkpointing@4'] },
  { name: 'EBFT on a later axolotl, not known to crash', text: '# peft-lens: axolotl=0.19\nbase_model: NousResearch/Llama-3.2-1B\ndatasets:\n  - path: nvidia/OpenCodeInstruct\nmicro_batch_size: 1\ngradient_accumulation_steps: 4\nlearning_rate: 0.00001\nrl: ebft\nebft:\n  mode: structured\n', expect: [], whole: true },
]);
