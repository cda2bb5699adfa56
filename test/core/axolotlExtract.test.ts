/**
 * The TrainingPlan an axolotl config amounts to: the PEFT LoraConfig axolotl would build and the
 * training settings, each value tied to its span in the file or to the default axolotl assumes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Sourced, TrainingPlan } from '../../core/src/index';
import { FORMATS } from '../../core/src/index';
import { configFiles } from '../helpers/corpus';
import { doc } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';
import { extractor } from './planHelpers';

const extract = extractor('axolotl', '/p/train.yml');

function plan(text: string): { plan: TrainingPlan; at: (s?: Sourced<unknown>) => string | undefined } {
  return { plan: extract(text), at: (s) => (s?.span ? text.slice(s.span.start, s.span.end) : undefined) };
}

const HEAD = 'base_model: meta-llama/Meta-Llama-3-8B\nlearning_rate: 0.0002\ndatasets:\n  - path: a/b\n    type: alpaca\n';

test('a QLoRA config: method, the PEFT LoraConfig and the training settings with their spans', () => {
  const text = readFileSync('examples/axolotl/qlora-llama-3-8b.yml', 'utf8');
  const { plan: p, at } = plan(text);
  assert.equal(p.model?.value, 'meta-llama/Meta-Llama-3-8B');
  assert.equal(p.method.value, 'qlora');
  assert.deepEqual(p.peft, { peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 32, lora_alpha: 16, lora_dropout: 0.05, target_modules: 'all-linear', bias: 'none' });
  assert.equal(at(p.peftSources!.r), '32');
  assert.equal(p.peftSources!.r.key, 'lora_r');
  assert.equal(at(p.peftSources!.target_modules), 'true');
  assert.match(p.peftSources!.target_modules.assumed!, /all-linear/);
  assert.ok(p.peftSources!.bias.assumed);
  const t = p.training;
  assert.deepEqual([t.microBatchSize?.value, at(t.microBatchSize)], [2, '2']);
  assert.deepEqual([t.sequenceLength?.value, at(t.sequenceLength)], [4096, '4096']);
  assert.deepEqual([t.gradientAccumulationSteps?.value, at(t.gradientAccumulationSteps)], [4, '4']);
  assert.equal(t.gradientCheckpointing?.value, true);
  assert.deepEqual([t.precision?.value, at(t.precision)], ['bf16', 'auto']);
  assert.equal(t.weightDtype?.value, 'bf16');
  assert.deepEqual([t.optimizer?.value, at(t.optimizer)], ['paged_adamw_8bit', 'paged_adamw_8bit']);
  assert.deepEqual(t.quantization?.value, { bits: 4, type: 'nf4', doubleQuant: true, computeDtype: 'bf16' });
  assert.equal(t.packing?.value, true);
  assert.deepEqual([t.attention?.value, at(t.attention)], ['flash_attention_2', 'flash_attention_2']);
  assert.equal(t.chunkedLoss?.value, false);
  assert.equal(t.sharding, undefined);
  assert.equal(t.gpus, undefined);
});

test('LoRA on a 4-bit base is QLoRA; no adapter is full fine-tuning without a PEFT config', () => {
  assert.equal(plan(`${HEAD}adapter: lora\nload_in_4bit: true\nlora_r: 8\nlora_alpha: 16\n`).plan.method.value, 'qlora');
  const full = plan(`${HEAD}micro_batch_size: 1\n`).plan;
  assert.equal(full.method.value, 'full');
  assert.ok(full.method.assumed);
  assert.equal(full.peft, undefined);
  assert.equal(plan(`${HEAD}adapter: llama-adapter\n`).plan.method.value, 'adaption_prompt');
});

test('defaults axolotl applies are recorded as assumed, with the reason', () => {
  const t = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 16\n`).plan;
  assert.deepEqual([t.training.sequenceLength?.value, t.training.microBatchSize?.value, t.training.gradientAccumulationSteps?.value], [512, 1, 1]);
  for (const s of [t.training.sequenceLength, t.training.microBatchSize, t.training.optimizer, t.training.precision, t.peftSources!.lora_dropout]) assert.ok(s?.assumed, JSON.stringify(s));
  assert.equal(t.training.optimizer?.value, 'adamw_torch_fused');
  assert.equal(t.peft!.lora_dropout, 0);
  assert.equal(t.training.attention?.value, 'sdpa');
});

test('target modules: a list, a regex string, and a list added to every linear layer', () => {
  const list = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nlora_target_modules:\n  - q_proj\n  - v_proj\n`).plan;
  assert.deepEqual(list.peft!.target_modules, ['q_proj', 'v_proj']);
  const regex = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nlora_target_modules: 'model.layers.[\\d]+.self_attn.(q|v)_proj'\n`).plan;
  assert.equal(regex.peft!.target_modules, 'model.layers.[\\d]+.self_attn.(q|v)_proj');
  const both = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nlora_target_linear: true\nlora_target_modules:\n  - embed_tokens\n`).plan;
  assert.equal(both.peft!.target_modules, 'all-linear');
  assert.deepEqual(both.extra?.additional_target_modules.value, ['embed_tokens']);
});

test('PEFT options: DoRA, rsLoRA, layer selection, saved modules, patterns, init schemes', () => {
  const { plan: p, at } = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nlora_dropout: 0.1\npeft_use_dora: true\npeft_use_rslora: true\npeft_layers_to_transform: [0, 1]\npeft_layers_pattern: [layers]\nlora_modules_to_save: [lm_head]\nlora_rank_pattern:\n  q_proj: 16\nlora_fan_in_fan_out: false\npeft_init_lora_weights: pissa\nlora_target_parameters: []\n`);
  assert.deepEqual(p.peft, {
    peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 8, lora_alpha: 8, lora_dropout: 0.1, layers_to_transform: [0, 1], layers_pattern: ['layers'], fan_in_fan_out: false,
    modules_to_save: ['lm_head'], bias: 'none', init_lora_weights: 'pissa', use_dora: true, use_rslora: true, rank_pattern: { q_proj: 16 },
  });
  assert.equal(at(p.peftSources!.use_dora), 'true');
  assert.equal(p.peftSources!.use_dora.key, 'peft_use_dora');
  const loftq = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\npeft:\n  loftq_config:\n    loftq_bits: 4\n`).plan;
  assert.deepEqual([loftq.peft!.init_lora_weights, loftq.peft!.loftq_config], ['loftq', { loftq_bits: 4 }]);
  const off = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\npeft_init_lora_weights: false\npeft_use_dora: false\n`).plan;
  assert.equal('init_lora_weights' in off.peft!, false, 'axolotl only forwards a truthy init scheme');
  assert.equal('use_dora' in off.peft!, false);
});

test('task type follows the model class and reward modelling', () => {
  assert.equal(plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nmodel_type: AutoModelForSequenceClassification\n`).plan.peft!.task_type, 'SEQ_CLS');
  assert.equal(plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nprocess_reward_model: true\n`).plan.peft!.task_type, 'TOKEN_CLS');
});

test('batch size, precision, weights and quantization variants', () => {
  const derived = plan(`${HEAD}micro_batch_size: 4\nbatch_size: 32\n`).plan.training.gradientAccumulationSteps!;
  assert.deepEqual([derived.value, derived.key], [8, 'batch_size']);
  const fp16 = plan(`${HEAD}bf16: false\nfp16: true\n`).plan.training;
  assert.deepEqual([fp16.precision?.value, fp16.weightDtype?.value], ['fp16', 'fp16']);
  const fp32 = plan(`${HEAD}bf16: false\n`).plan.training;
  assert.deepEqual([fp32.precision?.value, fp32.weightDtype?.value], ['fp32', 'fp32']);
  const eight = plan(`${HEAD}adapter: lora\nlora_r: 8\nlora_alpha: 8\nload_in_8bit: true\nbf16: false\n`).plan.training;
  assert.deepEqual([eight.quantization?.value, eight.weightDtype?.value], [{ bits: 8 }, 'fp16']);
  const fp4 = plan(`${HEAD}adapter: qlora\nload_in_4bit: true\nlora_r: 8\nlora_alpha: 8\nbnb_config_kwargs:\n  bnb_4bit_quant_type: fp4\n  bnb_4bit_use_double_quant: false\n`).plan.training.quantization!.value;
  assert.deepEqual(fp4, { bits: 4, type: 'fp4', doubleQuant: false, computeDtype: 'bf16' });
  const offload = plan(`${HEAD}gradient_checkpointing: offload\n`).plan.training;
  assert.deepEqual([offload.gradientCheckpointing?.value, offload.activationOffloading?.value], [true, true]);
});

test('sharding: DeepSpeed stage read from the file name or the inline mapping, FSDP stages and offload', () => {
  const { plan: zero3, at } = plan(`${HEAD}deepspeed: deepspeed_configs/zero3_bf16_cpuoffload_params.json\n`);
  // axolotl 0.18's bundled zero3 files set max_live_parameters and max_reuse_distance to 0.
  assert.deepEqual(zero3.training.sharding?.value, { kind: 'deepspeed', stage: 3, offloadParams: true, offloadOptimizer: false, maxLiveElements: 0, maxReuseElements: 0 });
  assert.match(zero3.training.sharding!.assumed!, /file name/);
  assert.equal(at(zero3.training.sharding), 'deepspeed_configs/zero3_bf16_cpuoffload_params.json');
  assert.deepEqual(plan(`${HEAD}deepspeed: deepspeed_configs/zero3_bf16_cpuoffload_all.json\n`).plan.training.sharding?.value, { kind: 'deepspeed', stage: 3, offloadParams: true, offloadOptimizer: true, maxLiveElements: 0, maxReuseElements: 0 });
  assert.deepEqual(plan(`${HEAD}deepspeed: ./my_ds.json\n`).plan.training.sharding?.value, { kind: 'deepspeed' });
  const inline = plan(`${HEAD}deepspeed:\n  zero_optimization:\n    stage: 2\n    offload_optimizer:\n      device: cpu\n`).plan.training.sharding!;
  assert.deepEqual(inline.value, { kind: 'deepspeed', stage: 2, offloadParams: false, offloadOptimizer: true });
  assert.equal(inline.assumed, undefined);
  const fsdp2 = plan(`${HEAD}fsdp_version: 2\nfsdp_config:\n  offload_params: true\n  reshard_after_forward: false\n  activation_checkpointing: true\n`).plan.training;
  assert.deepEqual(fsdp2.sharding?.value, { kind: 'fsdp', stage: 2, offloadParams: true, offloadOptimizer: true });
  assert.deepEqual([fsdp2.gradientCheckpointing?.value, fsdp2.gradientCheckpointing?.key], [true, 'fsdp_config.activation_checkpointing']);
  const fsdp1 = plan(`${HEAD}fsdp:\n  - shard_grad_op\n  - auto_wrap\nfsdp_config:\n  fsdp_offload_params: false\n`).plan.training.sharding!.value;
  assert.deepEqual(fsdp1, { kind: 'fsdp', stage: 2, offloadParams: false, offloadOptimizer: false });
});

test('chunked loss: the Cut Cross Entropy plugin, Liger fused linear cross-entropy', () => {
  const cce = plan(`${HEAD}plugins:\n  - axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin\n`).plan.training.chunkedLoss!;
  assert.deepEqual([cce.value, cce.key], [true, 'plugins']);
  assert.equal(plan(`${HEAD}plugins:\n  - axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin\ncut_cross_entropy: false\n`).plan.training.chunkedLoss!.value, false);
  assert.equal(plan(`${HEAD}plugins:\n  - axolotl.integrations.liger.LigerPlugin\nliger_fused_linear_cross_entropy: true\n`).plan.training.chunkedLoss!.value, true);
  assert.equal(plan(`${HEAD}liger_fused_linear_cross_entropy: true\n`).plan.training.chunkedLoss!.value, false, 'without the plugin the option is ignored');
});

const CORPUS = requireShared('upstream-configs', 'axolotl');

test('every real axolotl config extracts, and every plan value has a span or a reason', () => {
  let adapters = 0;
  for (const path of configFiles(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    const d = doc(path, text);
    if (d.format !== 'axolotl') continue;
    const p = FORMATS.axolotl.extract(d);
    const values: [string, Sourced<unknown> | undefined][] = [['method', p.method], ...Object.entries(p.training), ...Object.entries(p.peftSources ?? {})];
    for (const [name, s] of values) {
      if (!s) continue;
      assert.ok(s.span || s.assumed, `${path}: ${name} has neither span nor reason`);
      if (s.span) assert.ok(s.span.end > s.span.start, `${path}: ${name} has an empty span`);
    }
    if (p.peft) {
      adapters++;
      assert.equal(typeof p.peft.r, 'number', `${path}: r`);
      assert.ok(p.peft.target_modules !== undefined || p.peft.target_parameters !== undefined, `${path}: no targets`);
    }
  }
  assert.ok(adapters > 150, `only ${adapters} LoRA configs`);
});
