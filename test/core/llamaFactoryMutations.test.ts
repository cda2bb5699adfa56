import { mutationTests } from './mutations';

mutationTests('llamafactory', [
  'llamafactory/examples/train_lora/qwen3_lora_sft.yaml',
  'llamafactory/examples/train_qlora/qwen3_lora_sft_otfq.yaml',
  'llamafactory/examples/train_full/qwen3_full_sft.yaml',
  'llamafactory/examples/extras/galore/llama3_full_sft.yaml',
  'llamafactory/examples/extras/oft/llama3_oft_sft.yaml',
  'llamafactory/examples/train_lora/qwen3_lora_dpo.yaml',
  'llamafactory/examples/merge_lora/qwen3_gptq.yaml',
  'llamafactory/examples/ktransformers/train_lora/qwen3moe_lora_sft_kt.yaml',
  'llamafactory/examples/v1/train_qlora/quantization.yaml',
  'llamafactory/examples/v1/train_batching_strategy/train_full_fsdp2_padding_free.yaml',
]);
