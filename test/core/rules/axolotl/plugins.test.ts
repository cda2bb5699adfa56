import { pluginRules } from '../../../../core/src/rules/axolotl/plugins';
import { runTable } from './table';

const LIGER = 'plugins:\n  - axolotl.integrations.liger.LigerPlugin\n';
const KERNELS = 'plugins:\n  - axolotl.integrations.kernels.KernelsPlugin\n';
const LORA = 'adapter: lora\nlora_r: 16\nlora_alpha: 32\n';

runTable('plugins', pluginRules, [
  { name: 'Liger options with the plugin', text: `${LIGER}liger_rms_norm: true\nliger_glu_activation: true\n`, expect: [] },
  { name: 'Liger options without the plugin', text: 'liger_rms_norm: true\n', expect: ['axolotl/plugin-key-without-plugin@1'] },
  { name: 'a Cut Cross Entropy option without the plugin', text: 'cut_cross_entropy: true\n', expect: ['axolotl/plugin-key-without-plugin@1'] },
  { name: 'a short plugin name counts', text: 'plugins:\n  - my_pkg.LigerPlugin\nliger_rope: true\n', expect: [] },
  { name: 'old and new Liger GLU keys', text: `${LIGER}liger_swiglu: true\nliger_glu_activation: true\n`, expect: ['axolotl/plugin-options-conflict@3'] },
  { name: 'two MoE kernels', text: 'plugins:\n  - axolotl.integrations.kernels.KernelsPlugin\nuse_scattermoe: true\nuse_sonicmoe: true\n', expect: ['axolotl/plugin-options-conflict@4'] },
  { name: 'expert_backend names a backend in any case', text: `${KERNELS}expert_backend: SonicMoE\n`, expect: [] },
  { name: 'an unknown expert_backend', text: `${KERNELS}expert_backend: sonic\n`, expect: ['axolotl/plugin-options-conflict@3'] },
  { name: 'expert_backend contradicting a flag', text: `${KERNELS}expert_backend: scattermoe\nuse_sonicmoe: true\n`, expect: ['axolotl/plugin-options-conflict@4'] },
  // The upstream NVFP4 examples (qwen3/30b-a3b-nvfp4-lora.yaml) in short: clean.
  { name: 'merge-aware NVFP4 LoRA on SonicMoE', text: `${KERNELS}use_sonicmoe: true\nnvfp4_merge_aware: true\n${LORA}`, expect: [] },
  { name: 'merge-aware NVFP4 LoRA with expert_backend: sonicmoe', text: `${KERNELS}expert_backend: sonicmoe\nnvfp4_merge_aware: true\nnvfp4_merge_aware_start_step: 0.1\n${LORA}`, expect: [] },
  { name: 'merge-aware NVFP4 LoRA without SonicMoE', text: `${KERNELS}nvfp4_merge_aware: true\n${LORA}`, expect: ['axolotl/nvfp4-merge-aware@3'] },
  { name: 'merge-aware NVFP4 with QLoRA', text: `${KERNELS}use_sonicmoe: true\nnvfp4_merge_aware: true\nadapter: qlora\nload_in_4bit: true\nlora_r: 16\nlora_alpha: 32\n`, expect: ['axolotl/nvfp4-merge-aware@5'] },
  { name: 'merge-aware NVFP4 with a fused LoRA kernel', text: `${KERNELS}use_sonicmoe: true\nnvfp4_merge_aware: true\n${LORA}lora_qkv_kernel: true\n`, expect: ['axolotl/nvfp4-merge-aware@8'] },
  { name: 'a start step of 1.0 is a float outside (0, 1)', text: `${KERNELS}use_sonicmoe: true\nnvfp4_merge_aware: true\nnvfp4_merge_aware_start_step: 1.0\n${LORA}`, expect: ['axolotl/nvfp4-merge-aware@5'] },
  { name: 'a whole start step', text: `${KERNELS}use_sonicmoe: true\nnvfp4_merge_aware: true\nnvfp4_merge_aware_start_step: 200\n${LORA}`, expect: [] },
  { name: 'a start step without merge-aware NVFP4', text: `${KERNELS}nvfp4_merge_aware_start_step: 10\n`, expect: ['axolotl/nvfp4-merge-aware@3'] },
  { name: 'use_kernels: false is overwritten by the Kernels plugin', text: `${KERNELS}use_kernels: false\n`, expect: ['axolotl/plugin-overrides-option@3'] },
  { name: 'use_kernels: true with the Kernels plugin', text: `${KERNELS}use_kernels: true\n`, expect: [] },
  { name: 'use_kernels: false without the Kernels plugin is read as written', text: 'use_kernels: false\n', expect: [] },
  { name: 'without the Kernels plugin its options are ignored', text: 'nvfp4_merge_aware: true\n', expect: ['axolotl/plugin-key-without-plugin@1'] },
]);
