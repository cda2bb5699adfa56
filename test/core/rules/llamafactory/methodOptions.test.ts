import { methodOptions } from '../../../../core/src/rules/llamafactory/methodOptions';
import { lines, ruleTable } from '../ruleTable';

const base = ['model_name_or_path: Qwen/Qwen3-4B', 'stage: sft', 'do_train: true', 'dataset: alpaca_en_demo', 'template: qwen3'];

ruleTable('llamafactory method options', methodOptions, '/p/lf.yaml', [
  ['LoRA with its own options is fine', lines(...base, 'finetuning_type: lora', 'lora_rank: 8', 'use_dora: true', 'pissa_init: false'), []],
  ['DoRA with full fine-tuning', lines(...base, 'finetuning_type: full', 'use_dora: true'), ['llamafactory/lora-only-option@7']],
  ['LoRA+ ratio with freeze tuning', lines(...base, 'finetuning_type: freeze', 'loraplus_lr_ratio: 16'), ['llamafactory/lora-only-option@7']],
  ['a switched-off LoRA option is harmless', lines(...base, 'finetuning_type: full', 'use_rslora: false'), []],
  ['adapter with OFT', lines(...base, 'finetuning_type: oft', 'adapter_name_or_path: saves/a'), ['llamafactory/adapter-needs-lora@7']],
  ['LLaMA Pro with full', lines(...base, 'finetuning_type: full', 'use_llama_pro: true'), ['llamafactory/llama-pro-full@7']],
  ['LLaMA Pro with freeze uses freeze_trainable_layers', lines(...base, 'finetuning_type: freeze', 'use_llama_pro: true', 'freeze_trainable_layers: 8'), []],
  ['GaLore with the default method (lora)', lines(...base, 'use_galore: true'), ['llamafactory/lora-with-optimizer@6']],
  ['GaLore and BAdam together', lines(...base, 'finetuning_type: full', 'use_galore: true', 'use_badam: true'), ['llamafactory/optimizer-conflict@8']],
  ['Unsloth with OFT', lines(...base, 'finetuning_type: oft', 'use_unsloth: true'), ['llamafactory/unsloth-oft@7']],
  ['LoRA keys with full fine-tuning are ignored', lines(...base, 'finetuning_type: full', 'lora_rank: 16', 'lora_target: all'), ['llamafactory/ignored-method-key@7', 'llamafactory/ignored-method-key@8']],
  ['OFT keys with the default method', lines(...base, 'oft_block_size: 32'), ['llamafactory/ignored-method-key@6']],
  ['freeze keys with LoRA', lines(...base, 'finetuning_type: lora', 'freeze_trainable_layers: 2'), ['llamafactory/ignored-method-key@7']],
  ['additional_target with full', lines(...base, 'finetuning_type: full', 'additional_target: embed_tokens'), ['llamafactory/ignored-method-key@7']],
  ['additional_target with OFT is read', lines(...base, 'finetuning_type: oft', 'additional_target: embed_tokens'), []],
]);
