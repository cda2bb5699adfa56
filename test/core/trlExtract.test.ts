import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractor, origin, origins } from './planHelpers';

const extract = extractor('trl', '/p/sft.yaml');

test('QLoRA SFT recipe: the LoraConfig get_peft_config builds and the 4-bit base', () => {
  const text = [
    'model_name_or_path: mistralai/Mistral-7B-v0.1', // 1
    'dtype: bfloat16',                               // 2
    'attn_implementation: flash_attention_2',        // 3
    'load_in_4bit: true',                            // 4
    'use_peft: true',                                // 5
    'lora_r: 16',                                    // 6
    'lora_alpha: 16',                                // 7
    'lora_target_modules:',                          // 8
    '- q_proj',                                      // 9
    '- v_proj',                                      // 10
    'dataset_name: HuggingFaceH4/ultrachat_200k',    // 11
    'per_device_train_batch_size: 4',                // 12
    'gradient_accumulation_steps: 2',                // 13
    'max_length: 2048',                              // 14
    'learning_rate: 2.0e-04',                        // 15
    'packing: true',                                 // 16
  ].join('\n') + '\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.model), ['mistralai/Mistral-7B-v0.1', 'model_name_or_path@1']);
  assert.deepEqual(origin(text, plan.method), ['qlora', 'use_peft@5']);
  assert.deepEqual(plan.peft, { peft_type: 'LORA', bias: 'none', task_type: 'CAUSAL_LM', r: 16, lora_alpha: 16, lora_dropout: 0.05, target_modules: ['q_proj', 'v_proj'], use_rslora: false, use_dora: false });
  const sources = origins(text, plan.peftSources);
  assert.deepEqual(sources.r, [16, 'lora_r@6']);
  assert.deepEqual(sources.lora_dropout, [0.05, 'assumed']);
  assert.deepEqual(sources.target_modules, [['q_proj', 'v_proj'], 'lora_target_modules@9']);
  assert.deepEqual(origins(text, plan.training as never), {
    microBatchSize: [4, 'per_device_train_batch_size@12'],
    sequenceLength: [2048, 'max_length@14'],
    gradientAccumulationSteps: [2, 'gradient_accumulation_steps@13'],
    gradientCheckpointing: [true, 'assumed'],
    activationOffloading: [false, 'assumed'],
    precision: ['bf16', 'assumed'],
    weightDtype: ['bf16', 'dtype@2'],
    optimizer: ['adamw_torch_fused', 'assumed'],
    quantization: [{ bits: 4, type: 'nf4', doubleQuant: false, computeDtype: 'bf16' }, 'load_in_4bit@4'],
    packing: [true, 'packing@16'],
    attention: ['flash_attention_2', 'attn_implementation@3'],
    chunkedLoss: [true, 'assumed'],
    loop: ['trainer', 'assumed'],
  });
});

test('defaults: full fine-tuning, batch 8, 1024 tokens, float32 weights', () => {
  const text = 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\n';
  const plan = extract(text);
  assert.deepEqual(origin(text, plan.method), ['full', 'assumed']);
  assert.equal(plan.peft, undefined);
  assert.deepEqual(origin(text, plan.training.microBatchSize), [8, 'assumed']);
  assert.deepEqual(origin(text, plan.training.sequenceLength), [1024, 'assumed']);
  assert.deepEqual(origin(text, plan.training.weightDtype), ['fp32', 'assumed']);
  assert.deepEqual(origin(text, plan.training.attention), ['sdpa', 'assumed']);
});

test('LoRA defaults: r 16, alpha 32, PEFT default targets; a one-element list collapses', () => {
  const plan = extract('model_name_or_path: m\ndataset_name: d\nuse_peft: true\n');
  assert.deepEqual([plan.method.value, plan.peft?.r, plan.peft?.lora_alpha, plan.peft?.target_modules], ['lora', 16, 32, null]);
  assert.ok(plan.peftSources?.target_modules.assumed);
  const one = extract('model_name_or_path: m\ndataset_name: d\nuse_peft: true\nlora_target_modules: [all-linear]\nlora_modules_to_save: [lm_head]\nuse_dora: true\nlora_task_type: SEQ_CLS\n');
  assert.deepEqual([one.peft?.target_modules, one.peft?.modules_to_save, one.peft?.use_dora, one.peft?.task_type], ['all-linear', ['lm_head'], true, 'SEQ_CLS']);
});

test('legacy keys: max_seq_length and torch_dtype still tell what the file meant', () => {
  const text = 'model_name_or_path: m\ndataset_name: d\ntorch_dtype: float16\nmax_seq_length: 4096\n';
  const t = extract(text).training;
  assert.deepEqual(origin(text, t.sequenceLength), [4096, 'max_seq_length@4']);
  assert.deepEqual(origin(text, t.weightDtype), ['fp16', 'torch_dtype@3']);
});

test('numbers written as strings are read as argparse would', () => {
  const t = extract('model_name_or_path: m\ndataset_name: d\nper_device_train_batch_size: "2"\nmax_length: 5e2\n').training;
  assert.deepEqual([t.microBatchSize?.value, t.sequenceLength?.value], [2, 500]);
});

test('precision, 8-bit, liger, offloading, checkpointing off', () => {
  const text = 'model_name_or_path: m\ndataset_name: d\nfp16: true\nuse_peft: true\nload_in_8bit: true\nuse_liger_kernel: true\nactivation_offloading: true\ngradient_checkpointing: false\n';
  const t = extract(text).training;
  assert.deepEqual(origin(text, t.precision), ['fp16', 'fp16@3']);
  assert.deepEqual(t.quantization?.value, { bits: 8, computeDtype: 'fp32' });
  assert.deepEqual(origin(text, t.chunkedLoss), [true, 'use_liger_kernel@6']);
  assert.deepEqual(origin(text, t.activationOffloading), [true, 'activation_offloading@7']);
  assert.deepEqual(origin(text, t.gradientCheckpointing), [false, 'gradient_checkpointing@8']);
  assert.equal(extract('model_name_or_path: m\ndataset_name: d\nbf16: false\n').training.precision?.value, 'fp32');
});

test('the loss: SFT chunks it by default, preference trainers do not', () => {
  assert.equal(extract('model_name_or_path: m\ndataset_name: d\nloss_type: nll\n').training.chunkedLoss?.value, false);
  assert.equal(extract('model_name_or_path: m\ndataset_name: d\nbeta: 0.1\nmax_prompt_length: 512\n').training.chunkedLoss?.value, false);
});

test('sharding: deepspeed, fsdp, and the accelerate configs TRL bundles', () => {
  const shard = (line: string) => extract(`model_name_or_path: m\ndataset_name: d\n${line}\n`).training.sharding;
  assert.deepEqual(shard('deepspeed: configs/ds_zero3.json')?.value, { kind: 'deepspeed', stage: 3, offloadOptimizer: false, offloadParams: false });
  assert.deepEqual(shard('fsdp: full_shard auto_wrap')?.value, { kind: 'fsdp', stage: 3, offloadParams: false, offloadOptimizer: false });
  assert.deepEqual(shard('accelerate_config: zero2')?.value, { kind: 'deepspeed', stage: 2 });
  assert.deepEqual(shard('accelerate_config: fsdp2')?.value, { kind: 'fsdp', stage: 3 });
  assert.deepEqual(shard('accelerate_config: multi_gpu')?.value, { kind: 'ddp' });
  assert.equal(shard('accelerate_config: my/launch.yaml'), undefined);
  assert.equal(shard('report_to: none'), undefined);
});

test('accelerate launch options: num_processes is the GPU count', () => {
  const text = 'model_name_or_path: m\ndataset_name: d\nnum_processes: 4\n';
  assert.deepEqual(origin(text, extract(text).training.gpus), [4, 'num_processes@3']);
});
