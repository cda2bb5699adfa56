import { pluginRules } from '../../../../core/src/rules/axolotl/plugins';
import { runTable } from './table';

const LIGER = 'plugins:\n  - axolotl.integrations.liger.LigerPlugin\n';

runTable('plugins', pluginRules, [
  { name: 'Liger options with the plugin', text: `${LIGER}liger_rms_norm: true\nliger_glu_activation: true\n`, expect: [] },
  { name: 'Liger options without the plugin', text: 'liger_rms_norm: true\n', expect: ['axolotl/plugin-key-without-plugin@1'] },
  { name: 'a Cut Cross Entropy option without the plugin', text: 'cut_cross_entropy: true\n', expect: ['axolotl/plugin-key-without-plugin@1'] },
  { name: 'a short plugin name counts', text: 'plugins:\n  - my_pkg.LigerPlugin\nliger_rope: true\n', expect: [] },
  { name: 'old and new Liger GLU keys', text: `${LIGER}liger_swiglu: true\nliger_glu_activation: true\n`, expect: ['axolotl/plugin-options-conflict@3'] },
  { name: 'two MoE kernels', text: 'plugins:\n  - axolotl.integrations.kernels.KernelsPlugin\nuse_scattermoe: true\nuse_sonicmoe: true\n', expect: ['axolotl/plugin-options-conflict@4'] },
]);
