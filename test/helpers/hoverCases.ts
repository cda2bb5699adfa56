/** Hover fixtures (<|> marks the cursor) with the papers and words each hover must show; also the paper-coverage test's hovers. */
export interface HoverCase {
  name: string;
  path: string;
  text: string;
  has: (string | RegExp)[];
  hasNot?: (string | RegExp)[];
}

export const arxiv = (id: string) => `https://arxiv.org/abs/${id}`;

export const HOVER_CASES: HoverCase[] = [
  { name: 'PEFT peft_type value LORA: LoRA with its variants as related research', path: '/a/adapter_config.json', text: '{"peft_type": "LO<|>RA", "r": 8}', has: [arxiv('2106.09685'), '**Related research**', arxiv('2305.14314')] },
  { name: 'PEFT rank: the LoRA paper, no related list (a hyperparameter, not a method switch)', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "r<|>": 8}', has: [arxiv('2106.09685')], hasNot: ['**Related research**'] },
  { name: 'PEFT use_dora key: DoRA', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "use_<|>dora": true}', has: [arxiv('2402.09353')], hasNot: [arxiv('2106.09685')] },
  { name: 'PEFT use_rslora key: rsLoRA', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "use_rs<|>lora": true}', has: [arxiv('2312.03732')] },
  { name: 'PEFT init_lora_weights pissa: PiSSA and other SVD inits', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "init_lora_weights": "pis<|>sa"}', has: [arxiv('2404.02948'), arxiv('2406.01775')] },
  { name: 'PEFT init_lora_weights pissa_niter_4 (a prefix)', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "init_lora_weights": "pissa_ni<|>ter_4"}', has: [arxiv('2404.02948')] },
  { name: 'PEFT peft_type IA3: (IA)³ with SSF as related', path: '/a/adapter_config.json', text: '{"peft_type": "I<|>A3"}', has: [arxiv('2205.05638'), arxiv('2210.08823')] },
  { name: 'PEFT peft_type ADALORA with rank-growth related work', path: '/a/adapter_config.json', text: '{"peft_type": "ADA<|>LORA", "total_step": 100}', has: [arxiv('2303.10512'), arxiv('2308.12043')] },
  { name: 'PEFT peft_type ADAPTION_PROMPT: LLaMA-Adapter and bottleneck adapters', path: '/a/adapter_config.json', text: '{"peft_type": "ADAPTION<|>_PROMPT"}', has: [arxiv('2303.16199'), arxiv('1902.00751')] },
  { name: 'PEFT target_modules of a LoRA names LoRA, not LLaMA-Adapter', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "target_<|>modules": ["q_proj"]}', has: [arxiv('2106.09685')], hasNot: [arxiv('2303.16199'), '**Related research**'] },
  { name: 'axolotl adapter: qlora', path: '/a/train.yml', text: 'base_model: m/x\nadapter: q<|>lora\nload_in_4bit: true\n', has: [arxiv('2305.14314'), '**`adapter`**'] },
  { name: 'axolotl adapter key with value lora', path: '/a/train.yml', text: 'base_model: m/x\nada<|>pter: lora\n', has: [arxiv('2106.09685')] },
  { name: 'axolotl peft_use_dora', path: '/a/train.yml', text: 'base_model: m/x\nadapter: lora\npeft_use_<|>dora: true\n', has: [arxiv('2402.09353')] },
  { name: 'axolotl optimizer galore: GaLore and memory-efficient optimizers', path: '/a/train.yml', text: 'base_model: m/x\nmicro_batch_size: 1\noptimizer: galore_<|>adamw\n', has: [arxiv('2403.03507'), arxiv('2405.18380'), arxiv('2412.19616')] },
  { name: 'axolotl 8-bit optimizer', path: '/a/train.yml', text: 'base_model: m/x\nadapter: lora\noptimizer: adamw_<|>8bit\n', has: [arxiv('2110.02861')] },
  { name: 'axolotl gradient_checkpointing', path: '/a/train.yml', text: 'base_model: m/x\nadapter: lora\ngradient_<|>checkpointing: true\n', has: [arxiv('1604.06174'), arxiv('2306.00477')] },
  { name: 'axolotl llama-adapter', path: '/a/train.yml', text: 'base_model: m/x\nadapter: llama-<|>adapter\n', has: [arxiv('2303.16199'), arxiv('2112.06825')] },
  { name: 'axolotl lisa keys', path: '/a/train.yml', text: 'base_model: m/x\nmicro_batch_size: 1\nlisa_n_<|>layers: 4\n', has: [arxiv('2403.17919')] },
  { name: 'LLaMA-Factory finetuning_type lora', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: lo<|>ra\n', has: [arxiv('2106.09685')] },
  { name: 'LLaMA-Factory finetuning_type freeze: layer-selection research', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: fre<|>eze\n', has: [arxiv('2403.17919'), arxiv('2410.11772')] },
  { name: 'LLaMA-Factory use_dora', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: lora\nuse_<|>dora: true\n', has: [arxiv('2402.09353')] },
  { name: 'LLaMA-Factory pissa_init', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: lora\npissa_<|>init: true\n', has: [arxiv('2404.02948')] },
  { name: 'LLaMA-Factory quantization_bit: QLoRA', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: lora\nquantization_<|>bit: 4\n', has: [arxiv('2305.14314')] },
  { name: 'LLaMA-Factory use_galore', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nfinetuning_type: full\nuse_<|>galore: true\n', has: [arxiv('2403.03507')] },
  { name: 'torchtune lora_ builder', path: '/a/lora.yaml', text: 'model:\n  _component_: torchtune.models.llama3_2.lora_<|>llama3_2_1b\n  lora_rank: 8\n', has: [arxiv('2106.09685')] },
  { name: 'torchtune qlora_ builder', path: '/a/qlora.yaml', text: 'model:\n  _component_: torchtune.models.llama3_2.qlora_<|>llama3_2_1b\n  lora_rank: 8\n', has: [arxiv('2305.14314')] },
  { name: 'torchtune use_dora', path: '/a/dora.yaml', text: 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  use_<|>dora: True\n', has: [arxiv('2402.09353')] },
  { name: 'torchtune lora_rank is a LoRA hyperparameter: the paper without related list', path: '/a/lora.yaml', text: 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_<|>rank: 8\n', has: [arxiv('2106.09685')], hasNot: ['**Related research**'] },
  { name: 'torchtune enable_activation_checkpointing', path: '/a/lora.yaml', text: 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\nenable_activation_<|>checkpointing: True\n', has: [arxiv('1604.06174')] },
  { name: 'TRL use_peft', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nuse_<|>peft: true\nlora_r: 16\n', has: [arxiv('2106.09685')] },
  { name: 'TRL load_in_4bit', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nuse_peft: true\nload_in_<|>4bit: true\n', has: [arxiv('2305.14314')] },
  { name: 'TRL attn_implementation flash_attention_2', path: '/a/sft.yaml', text: 'model_name_or_path: m/x\nuse_peft: true\nattn_implementation: flash_<|>attention_2\n', has: [arxiv('2205.14135')] },
];

