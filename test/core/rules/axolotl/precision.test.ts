import { precisionRules } from '../../../../core/src/rules/axolotl/precision';
import { runTable } from './table';

runTable('precision', precisionRules, [
  { name: 'bf16 alone', text: 'bf16: true\n', expect: [] },
  { name: 'bf16 and fp16 together', text: 'bf16: true\nfp16: true\n', expect: ['axolotl/bf16-and-fp16@2'] },
  { name: 'bf16 auto with fp16 is not flagged', text: 'bf16: auto\nfp16: true\n', expect: [] },
  { name: 'FP8 all-gather without FSDP2', text: 'fp8: true\ntorch_compile: true\nfp8_enable_fsdp_float8_all_gather: true\n', expect: ['axolotl/fp8-all-gather-needs-fsdp2@3'] },
  { name: 'FP8 all-gather on FSDP2', text: 'fp8: true\ntorch_compile: true\nfp8_enable_fsdp_float8_all_gather: true\nfsdp_version: 2\nfsdp_config:\n  reshard_after_forward: true\n', expect: [] },
  { name: 'FP8 without torch.compile', text: 'fp8: true\n', expect: ['axolotl/fp8-without-compile@1'] },
  { name: 'BetterTransformer with the default bf16', text: 'flash_optimum: true\nbfloat16: true\n', expect: ['axolotl/flash-optimum-with-amp@1'] },
  { name: 'BetterTransformer without mixed precision', text: 'flash_optimum: true\nbf16: false\nbfloat16: true\n', expect: [] },
  { name: 'fp32 norms without FSDP2', text: 'fp32_norms: true\n', expect: ['axolotl/fp32-norms-needs-fsdp2@1'] },
  { name: 'fp32 norm classes without fp32 norms', text: 'fp32_norm_classes: [LlamaRMSNorm]\n', expect: ['axolotl/fp32-norm-classes-unused@1'] },
  { name: 'fp16 full fine-tune with packing and sdpa', text: 'bf16: false\nfp16: true\nsample_packing: true\nattn_implementation: sdpa\n', expect: ['axolotl/fp16-full-finetune-packing@2'] },
  { name: 'fp16 full fine-tune with packing and flash attention', text: 'bf16: false\nfp16: true\nsample_packing: true\nattn_implementation: flash_attention_2\n', expect: [] },
]);
