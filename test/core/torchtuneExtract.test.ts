/** torchtune configs as TrainingPlans: the HF model, the method as a PEFT LoraConfig, the training settings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingPlan } from '../../core/src/index';
import { extractor } from './planHelpers';
import { BASE, variant } from './rules/torchtune/base';

const plan = extractor('torchtune', '/work/run.yaml');

/** The plan's value and where it came from: the key, or `assumed`. */
const origin = (s: { value: unknown; key?: string; assumed?: string } | undefined) => (s ? [s.value, s.key ?? 'assumed'] : undefined);

const ATTN = "['q_proj', 'v_proj', 'output_proj']";
const MLP: [string, string] = ['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: False'];

test('extract: the base LoRA config', () => {
  const p = plan(BASE);
  assert.deepEqual(origin(p.model), ['meta-llama/Llama-3.2-1B-Instruct', 'checkpointer.checkpoint_dir']);
  assert.deepEqual(origin(p.extra?.builderModel), ['meta-llama/Llama-3.2-1B', 'model._component_']);
  assert.deepEqual(origin(p.method), ['lora', 'model._component_']);
  assert.deepEqual(p.peft, { peft_type: 'LORA', task_type: 'CAUSAL_LM', target_modules: ['q_proj', 'v_proj', 'o_proj', 'gate_proj', 'down_proj', 'up_proj'], r: 64, lora_alpha: 128, lora_dropout: 0 });
  assert.deepEqual(origin(p.peftSources?.r), [64, 'model.lora_rank']);
  assert.deepEqual(origin(p.peftSources?.lora_dropout), [0, 'assumed']);
  assert.deepEqual(origin(p.peftSources?.target_modules)?.[1], 'model.lora_attn_modules');
  assert.deepEqual(origin(p.extra?.loraModules), [['q_proj', 'v_proj', 'output_proj', 'w1', 'w2', 'w3'], 'model.lora_attn_modules']);
  const t = p.training;
  assert.deepEqual(origin(t.microBatchSize), [4, 'batch_size']);
  assert.deepEqual(origin(t.gradientAccumulationSteps), [8, 'gradient_accumulation_steps']);
  assert.deepEqual(origin(t.gradientCheckpointing), [false, 'enable_activation_checkpointing']);
  assert.deepEqual(origin(t.precision), ['bf16', 'dtype']);
  assert.deepEqual(origin(t.weightDtype), ['bf16', 'dtype']);
  assert.deepEqual(origin(t.optimizer), ['adamw_torch_fused', 'optimizer._component_']);
  assert.deepEqual(origin(t.chunkedLoss), [true, 'loss._component_']);
  assert.deepEqual(origin(t.packing), [false, 'dataset.packed']);
  assert.deepEqual(origin(t.gpus), [1, 'assumed']);
  assert.equal(t.sequenceLength, undefined);
  assert.match(p.extra?.sequenceLength?.assumed ?? '', /does not truncate/);
  assert.equal(t.sharding, undefined);
  assert.equal(t.quantization, undefined);
});

test('extract: spans point at the values in the text', () => {
  const p = plan(BASE);
  const at = (s: { span?: { start: number; end: number } } | undefined) => (s?.span ? BASE.slice(s.span.start, s.span.end) : undefined);
  assert.equal(at(p.peftSources?.r), '64');
  assert.equal(at(p.model), '/tmp/Llama-3.2-1B-Instruct/');
  assert.equal(at(p.method), 'torchtune.models.llama3_2.lora_llama3_2_1b');
});

const CASES: { name: string; text: string; check: (p: TrainingPlan) => void }[] = [
  {
    name: 'a checkpoint folder that does not name the model: the builder decides',
    text: variant(['checkpoint_dir: /tmp/Llama-3.2-1B-Instruct/', 'checkpoint_dir: /data/ckpt/step_100']),
    check: (p) => {
      assert.deepEqual(origin(p.model), ['meta-llama/Llama-3.2-1B', 'model._component_']);
      assert.equal(p.extra?.builderModel, undefined);
    },
  },
  {
    name: 'QLoRA builder: 4-bit NF4 base',
    text: variant(['lora_llama3_2_1b', 'qlora_llama3_2_1b']),
    check: (p) => {
      assert.deepEqual(origin(p.method), ['qlora', 'model._component_']);
      assert.deepEqual(p.training.quantization?.value, { bits: 4, type: 'nf4', doubleQuant: true, computeDtype: 'bf16', library: 'torchao' });
    },
  },
  {
    name: 'quantize_base on a LoRA builder is QLoRA too',
    text: variant(['  lora_alpha: 128', '  lora_alpha: 128\n  quantize_base: True']),
    check: (p) => assert.deepEqual(origin(p.method), ['qlora', 'model.quantize_base']),
  },
  {
    name: 'DoRA',
    text: variant(['  lora_alpha: 128', '  lora_alpha: 128\n  use_dora: True']),
    check: (p) => {
      assert.deepEqual(origin(p.method), ['dora', 'model.use_dora']);
      assert.equal(p.peft?.use_dora, true);
    },
  },
  {
    name: 'QDoRA stays qlora, with use_dora in the PEFT config',
    text: variant(['lora_llama3_2_1b', 'qlora_llama3_2_1b'], ['  lora_alpha: 128', '  lora_alpha: 128\n  use_dora: True']),
    check: (p) => {
      assert.equal(p.method.value, 'qlora');
      assert.equal(p.peft?.use_dora, true);
    },
  },
  {
    name: 'full fine-tuning: no PEFT config',
    text: variant([`torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_attn_modules: ${ATTN}\n  apply_lora_to_mlp: True\n  lora_rank: 64\n  lora_alpha: 128`, 'torchtune.models.llama3_2.llama3_2_1b']),
    check: (p) => {
      assert.deepEqual(origin(p.method), ['full', 'model._component_']);
      assert.equal(p.peft, undefined);
    },
  },
  {
    name: 'output LoRA on an untied model targets lm_head',
    text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.llama3_1.lora_llama3_1_8b'], MLP, ['  lora_alpha: 128', '  lora_alpha: 128\n  apply_lora_to_output: True'], ['checkpoint_dir: /tmp/Llama-3.2-1B-Instruct/', 'checkpoint_dir: /tmp/Meta-Llama-3.1-8B-Instruct/']),
    check: (p) => {
      assert.deepEqual(p.peft?.target_modules, ['q_proj', 'v_proj', 'o_proj', 'lm_head']);
      assert.deepEqual(origin(p.model), ['meta-llama/Meta-Llama-3.1-8B-Instruct', 'checkpointer.checkpoint_dir']);
    },
  },
  {
    name: 'Phi-3: fused projections on the Hub, noted as not exact',
    text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.phi3.lora_phi3_mini']),
    check: (p) => {
      assert.deepEqual(p.peft?.target_modules, ['qkv_proj', 'o_proj', 'gate_up_proj', 'down_proj']);
      assert.match(String(p.extra?.notExact?.value), /qkv_proj/);
      assert.equal(p.model?.value, 'microsoft/Phi-3-mini-4k-instruct');
    },
  },
  {
    name: 'distributed recipe: FSDP sharding and the GPU count of the launch line',
    text: variant(['lora_finetune_single_device.py\n#   tune run lora_finetune_single_device', 'lora_finetune_distributed.py\n#   tune run --nproc_per_node 4 lora_finetune_distributed'], ['compile: False', 'compile: False\nfsdp_cpu_offload: True']),
    check: (p) => {
      assert.deepEqual(origin(p.training.sharding), [{ kind: 'fsdp', stage: 3, offloadParams: true, offloadOptimizer: true }, 'fsdp_cpu_offload']);
      assert.deepEqual(origin(p.training.gpus), [4, 'assumed']);
    },
  },
  {
    name: 'no resharding after forward keeps gathered parameters (ZeRO-2-like)',
    text: variant(['lora_finetune_single_device.py', 'lora_finetune_distributed.py'], ['compile: False', 'compile: False\nfsdp_reshard_after_forward: False']),
    check: (p) => assert.equal(p.training.sharding?.value.stage, 2),
  },
  {
    name: 'tokenizer max_seq_len is the sequence length',
    text: variant(['max_seq_len: null', 'max_seq_len: 2048']),
    check: (p) => {
      assert.deepEqual(origin(p.training.sequenceLength), [2048, 'tokenizer.max_seq_len']);
      assert.equal(p.extra?.sequenceLength, undefined);
    },
  },
  {
    name: 'paged 8-bit AdamW from bitsandbytes',
    text: variant(['torch.optim.AdamW\n  fused: True', 'bitsandbytes.optim.PagedAdamW8bit']),
    check: (p) => assert.equal(p.training.optimizer?.value, 'paged_adamw_8bit'),
  },
  {
    name: 'torchao 8-bit AdamW, and plain AdamW without fused',
    text: variant(['torch.optim.AdamW\n  fused: True', 'torchao.optim.AdamW8bit']),
    check: (p) => assert.equal(p.training.optimizer?.value, 'adamw_torch_8bit'),
  },
  {
    name: 'unfused torch AdamW',
    text: variant(['  fused: True\n', '']),
    check: (p) => assert.equal(p.training.optimizer?.value, 'adamw_torch'),
  },
  {
    name: 'plain cross-entropy is not chunked',
    text: variant(['torchtune.modules.loss.LinearCrossEntropyLoss', 'torch.nn.CrossEntropyLoss']),
    check: (p) => assert.equal(p.training.chunkedLoss?.value, false),
  },
  {
    name: 'no dtype: fp32',
    text: variant(['dtype: bf16\n', '']),
    check: (p) => assert.deepEqual(origin(p.training.precision), ['fp32', 'assumed']),
  },
  {
    name: 'a packed dataset in a list',
    text: variant(['dataset:\n  _component_: torchtune.datasets.alpaca_cleaned_dataset\n  packed: False', 'dataset:\n  - _component_: torchtune.datasets.alpaca_cleaned_dataset\n  - _component_: torchtune.datasets.slimorca_dataset\n    packed: True']),
    check: (p) => assert.deepEqual(origin(p.training.packing), [true, 'dataset.1.packed']),
  },
  {
    name: 'Qwen3 base builder loading the instruct checkpoint folder',
    text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.qwen3.lora_qwen3_8b_base'], ['checkpoint_dir: /tmp/Llama-3.2-1B-Instruct/', 'checkpoint_dir: /tmp/Qwen3-8B']),
    check: (p) => {
      assert.deepEqual(origin(p.model), ['Qwen/Qwen3-8B', 'checkpointer.checkpoint_dir']);
      assert.equal(p.extra?.builderModel?.value, 'Qwen/Qwen3-8B-Base');
    },
  },
];

for (const c of CASES) test(`extract: ${c.name}`, () => c.check(plan(c.text)));
