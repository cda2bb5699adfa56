import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractor, origin, origins } from './planHelpers';

const extract = extractor('llamafactory', '/p/lf.yaml');

test('LoRA SFT: the PEFT config LLaMA-Factory builds, and where each value came from', () => {
  const text = [
    'model_name_or_path: Qwen/Qwen3-4B',   // 1
    'stage: sft',                          // 2
    'do_train: true',                      // 3
    'finetuning_type: lora',               // 4
    'lora_rank: 16',                       // 5
    'lora_target: q_proj, v_proj',         // 6
    'additional_target: embed_tokens',     // 7
    'dataset: alpaca_en_demo',             // 8
    'template: qwen3',                     // 9
    'cutoff_len: 4096',                    // 10
    'per_device_train_batch_size: 2',      // 11
    'gradient_accumulation_steps: 8',      // 12
    'learning_rate: 1e-4',                 // 13
    'bf16: true',                          // 14
  ].join('\n') + '\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.model), ['Qwen/Qwen3-4B', 'model_name_or_path@1']);
  assert.deepEqual(origin(text, plan.method), ['lora', 'finetuning_type@4']);
  assert.deepEqual(plan.peft, { peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none', r: 16, lora_alpha: 32, lora_dropout: 0, target_modules: ['q_proj', 'v_proj'], modules_to_save: ['embed_tokens'], use_rslora: false, use_dora: false });
  const sources = origins(text, plan.peftSources);
  assert.deepEqual(sources.r, [16, 'lora_rank@5']);
  assert.deepEqual(sources.lora_alpha, [32, 'assumed']);
  assert.deepEqual(sources.target_modules, [['q_proj', 'v_proj'], 'lora_target@6']);
  assert.deepEqual(sources.modules_to_save, [['embed_tokens'], 'additional_target@7']);
  assert.deepEqual(origins(text, plan.training as never), {
    microBatchSize: [2, 'per_device_train_batch_size@11'],
    sequenceLength: [4096, 'cutoff_len@10'],
    gradientAccumulationSteps: [8, 'gradient_accumulation_steps@12'],
    gradientCheckpointing: [true, 'assumed'],
    precision: ['bf16', 'bf16@14'],
    weightDtype: ['bf16', 'bf16@14'],
    optimizer: ['adamw_torch_fused', 'assumed'],
    packing: [false, 'assumed'],
    attention: ['sdpa', 'assumed'],
    chunkedLoss: [false, 'assumed'],
    loop: ['trainer', 'assumed'],
  });
});

test('defaults: LoRA on every linear layer, rank 8, alpha 16, batch 8, 2048 tokens', () => {
  const text = 'model_name_or_path: m\nstage: sft\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.method), ['lora', 'assumed']);
  assert.equal(plan.peft?.target_modules, 'all-linear');
  assert.deepEqual([plan.peft?.r, plan.peft?.lora_alpha, plan.peft?.lora_dropout], [8, 16, 0]);
  assert.deepEqual(origin(text, plan.training.microBatchSize), [8, 'assumed']);
  assert.deepEqual(origin(text, plan.training.sequenceLength), [2048, 'assumed']);
  assert.deepEqual(origin(text, plan.training.precision), ['fp32', 'assumed']);
  assert.match(plan.peftSources?.target_modules.assumed ?? '', /all-linear/);
});

test('QLoRA: lora on a 4-bit base, with the bitsandbytes settings', () => {
  const text = 'model_name_or_path: m\nstage: sft\nfinetuning_type: lora\nquantization_bit: 4\nquantization_type: fp4\ndouble_quantization: false\nbf16: true\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.method), ['qlora', 'finetuning_type@3']);
  assert.deepEqual(origin(text, plan.training.quantization), [{ bits: 4, type: 'fp4', doubleQuant: false, computeDtype: 'bf16' }, 'quantization_bit@4']);
});

test('QLoRA by default method, and 8-bit stays lora', () => {
  const four = 'model_name_or_path: m\nstage: sft\nquantization_bit: 4\n';
  assert.deepEqual(origin(four, extract(four).method), ['qlora', 'quantization_bit@3']);
  const eight = 'model_name_or_path: m\nstage: sft\nquantization_bit: 8\n';
  const plan = extract(eight);
  assert.equal(plan.method.value, 'lora');
  assert.deepEqual(plan.training.quantization?.value, { bits: 8, computeDtype: 'fp32' });
});

test('DoRA, rsLoRA, PiSSA and an explicit alpha', () => {
  const text = 'model_name_or_path: m\nstage: sft\nlora_alpha: 8\nuse_dora: true\nuse_rslora: true\npissa_init: true\npissa_iter: -1\nlora_target: [gate_proj, up_proj]\n';
  const plan = extract(text);
  assert.deepEqual([plan.peft?.lora_alpha, plan.peft?.use_dora, plan.peft?.use_rslora, plan.peft?.init_lora_weights], [8, true, true, 'pissa']);
  assert.deepEqual(plan.peft?.target_modules, ['gate_proj', 'up_proj']);
  assert.deepEqual(origin(text, plan.peftSources?.init_lora_weights), ['pissa', 'pissa_init@6']);
  const fast = extract('model_name_or_path: m\nstage: sft\npissa_init: true\n');
  assert.equal(fast.peft?.init_lora_weights, 'pissa_niter_16');
});

test('resize_vocab without additional_target trains the embeddings', () => {
  const plan = extract('model_name_or_path: m\nstage: sft\nresize_vocab: true\n');
  assert.deepEqual(plan.peft?.modules_to_save, ['embed_tokens', 'lm_head']);
  assert.ok(plan.peftSources?.modules_to_save.assumed);
});

test('OFT: the PEFT OFT config', () => {
  const text = 'model_name_or_path: m\nstage: sft\nfinetuning_type: oft\noft_block_size: 16\noft_target: all\n';
  const plan = extract(text);
  assert.deepEqual(plan.peft, { peft_type: 'OFT', task_type: 'CAUSAL_LM', r: 0, oft_block_size: 16, target_modules: 'all-linear', module_dropout: 0 });
  assert.deepEqual(origin(text, plan.peftSources?.oft_block_size), [16, 'oft_block_size@4']);
});

test('freeze tuning: no PEFT config, the trainable layers in extra', () => {
  const text = 'model_name_or_path: m\nstage: sft\nfinetuning_type: freeze\nfreeze_trainable_layers: -4\nfreeze_trainable_modules: mlp,self_attn\nfreeze_extra_modules: embed_tokens\n';
  const plan = extract(text);
  assert.equal(plan.peft, undefined);
  assert.deepEqual(origin(text, plan.method), ['freeze', 'finetuning_type@3']);
  const extra = origins(text, plan.extra);
  assert.deepEqual(extra.freeze_trainable_layers, [-4, 'freeze_trainable_layers@4']);
  assert.deepEqual(extra.freeze_trainable_modules, [['mlp', 'self_attn'], 'freeze_trainable_modules@5']);
  assert.deepEqual(extra.freeze_extra_modules, [['embed_tokens'], 'freeze_extra_modules@6']);
  assert.deepEqual(extra.freeze_vision_tower, [true, 'assumed']);
});

test('freeze defaults and full fine-tuning', () => {
  const freeze = extract('model_name_or_path: m\nstage: sft\nfinetuning_type: freeze\n');
  assert.deepEqual([freeze.extra?.freeze_trainable_layers.value, freeze.extra?.freeze_trainable_modules.value], [2, ['all']]);
  const full = extract('model_name_or_path: m\nstage: sft\nfinetuning_type: full\n');
  assert.equal(full.peft, undefined);
  assert.equal(full.extra?.freeze_trainable_layers, undefined);
});

test('checkpointing, pure bf16, liger, packing, attention', () => {
  const text = 'model_name_or_path: m\nstage: pt\ndisable_gradient_checkpointing: true\npure_bf16: true\nenable_liger_kernel: true\nflash_attn: fa2\n';
  const t = extract(text).training;
  assert.deepEqual(origin(text, t.gradientCheckpointing), [false, 'disable_gradient_checkpointing@3']);
  assert.deepEqual(origin(text, t.precision), ['bf16', 'pure_bf16@4']);
  assert.deepEqual(origin(text, t.chunkedLoss), [true, 'enable_liger_kernel@5']);
  assert.deepEqual(origin(text, t.packing), [true, 'assumed']);
  assert.deepEqual(origin(text, t.attention), ['flash_attention_2', 'flash_attn@6']);
  const neat = extract('model_name_or_path: m\nstage: sft\nneat_packing: true\nflash_attn: disabled\n').training;
  assert.equal(neat.packing?.value, true);
  assert.equal(neat.attention?.value, 'eager');
});

test('LLaMA-Factory optimizers replace optim', () => {
  const opt = (extra: string) => extract(`model_name_or_path: m\nstage: sft\nfinetuning_type: full\n${extra}`).training.optimizer?.value;
  assert.equal(opt('optim: paged_adamw_8bit\n'), 'paged_adamw_8bit');
  assert.equal(opt('use_galore: true\n'), 'galore_adamw');
  assert.equal(opt('use_galore: true\noptim: adamw_8bit\n'), 'galore_adamw_8bit');
  assert.equal(opt('use_adam_mini: true\n'), 'adam_mini');
  assert.equal(opt('use_badam: true\n'), 'badam');
});

test('sharding: DeepSpeed stage from the file name or the inline config, FSDP options', () => {
  const ds = (value: string) => extract(`model_name_or_path: m\nstage: sft\ndeepspeed: ${value}\n`).training.sharding;
  assert.deepEqual(ds('examples/deepspeed/ds_z3_config.json')?.value, { kind: 'deepspeed', stage: 3, offloadOptimizer: false, offloadParams: false });
  assert.deepEqual(ds('examples/deepspeed/ds_z3_offload_config.json')?.value, { kind: 'deepspeed', stage: 3, offloadOptimizer: true, offloadParams: true });
  assert.deepEqual(ds('ds_z2_offload_config.json')?.value, { kind: 'deepspeed', stage: 2, offloadOptimizer: true, offloadParams: false });
  assert.match(ds('ds_z0_config.json')?.assumed ?? '', /file name/);
  assert.deepEqual(ds('my_deepspeed.json')?.value, { kind: 'deepspeed' });
  const inline = extract('model_name_or_path: m\nstage: sft\ndeepspeed:\n  zero_optimization:\n    stage: 2\n    offload_optimizer:\n      device: cpu\n').training.sharding;
  assert.deepEqual(inline?.value, { kind: 'deepspeed', stage: 2, offloadParams: false, offloadOptimizer: true });
  const fsdp = extract('model_name_or_path: m\nstage: sft\nfsdp: shard_grad_op auto_wrap offload\n').training.sharding;
  assert.deepEqual(fsdp?.value, { kind: 'fsdp', stage: 2, offloadParams: true, offloadOptimizer: true });
});

test('v1 LoRA: the plugin block as a PEFT config, training keys of the v1 trainer', () => {
  const text = [
    'model: Qwen/Qwen3-4B',        // 1
    'peft_config:',                // 2
    '  name: lora',                // 3
    '  r: 16',                     // 4
    '  lora_alpha: 32',            // 5
    '  target_modules: all',       // 6
    'quant_config:',               // 7
    '  name: bnb',                 // 8
    '  quantization_bit: 4',       // 9
    'kernel_config:',              // 10
    '  name: liger_kernel',        // 11
    'dist_config:',                // 12
    '  name: fsdp2',               // 13
    'micro_batch_size: 2',         // 14
    'cutoff_len: 1024',            // 15
    'batching_strategy: padding_free', // 16
    'flash_attn: flash_attention_2',   // 17
  ].join('\n') + '\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.model), ['Qwen/Qwen3-4B', 'model@1']);
  assert.deepEqual(origin(text, plan.method), ['qlora', 'peft_config.name@3']);
  assert.deepEqual(plan.peft, { peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none', r: 16, lora_alpha: 32, lora_dropout: 0.05, target_modules: 'all-linear', use_rslora: false, use_dora: false });
  assert.deepEqual(origin(text, plan.peftSources?.r), [16, 'peft_config.r@4']);
  assert.deepEqual(origin(text, plan.peftSources?.lora_dropout), [0.05, 'assumed']);
  const t = plan.training;
  assert.deepEqual(origin(text, t.quantization), [{ bits: 4, type: 'nf4', doubleQuant: true, computeDtype: 'fp16' }, 'quant_config.quantization_bit@9']);
  assert.deepEqual(origin(text, t.microBatchSize), [2, 'micro_batch_size@14']);
  assert.deepEqual(origin(text, t.sequenceLength), [1024, 'cutoff_len@15']);
  assert.deepEqual(origin(text, t.packing), [true, 'batching_strategy@16']);
  assert.deepEqual(origin(text, t.attention), ['flash_attention_2', 'flash_attn@17']);
  assert.deepEqual(origin(text, t.chunkedLoss), [true, 'kernel_config.name@11']);
  assert.deepEqual(t.sharding?.value, { kind: 'fsdp', stage: 3 });
  assert.deepEqual(origin(text, t.precision), ['bf16', 'assumed']);
  assert.deepEqual(origin(text, t.gradientCheckpointing), [true, 'assumed']);
});

test('v1 freeze and full', () => {
  const text = 'model: m\npeft_config:\n  name: freeze\n  freeze_trainable_layers: 4\ndist_config:\n  name: deepspeed\n  config_file: examples/deepspeed/ds_z3_config.json\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.method), ['freeze', 'peft_config.name@3']);
  assert.deepEqual(origin(text, plan.extra?.freeze_trainable_layers), [4, 'peft_config.freeze_trainable_layers@4']);
  assert.deepEqual(plan.extra?.freeze_trainable_modules.value, ['all']);
  assert.equal(plan.training.sharding?.value.stage, 3);
  const full = extract('model: m\ndist_config:\n  name: fsdp2\nbf16: false\n');
  assert.deepEqual([full.method.value, full.peft, full.training.precision?.value], ['full', undefined, 'fp32']);
});
