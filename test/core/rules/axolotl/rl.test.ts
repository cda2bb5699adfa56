import { rlRules } from '../../../../core/src/rules/axolotl/rl';
import { runTable } from './table';

runTable('rl', rlRules, [
  { name: 'KTO set up right', text: 'rl: kto\nremove_unused_columns: false\n', expect: [] },
  { name: 'KTO keeping unused columns', text: 'rl: kto\n', expect: ['axolotl/kto-remove-unused-columns@1'] },
  { name: 'KTO with packed evaluation', text: 'rl: kto\nremove_unused_columns: false\neval_sample_packing: true\n', expect: ['axolotl/kto-packing@3'] },
  { name: 'SimPO with a warm-up ratio', text: 'rl: simpo\nwarmup_ratio: 0.1\n', expect: ['axolotl/simpo-warmup-ratio@2'] },
  { name: 'SimPO with warm-up steps', text: 'rl: simpo\nwarmup_steps: 10\n', expect: [] },
]);
