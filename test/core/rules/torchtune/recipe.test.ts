/** What the torchtune training recipes refuse at start-up, and when those checks do not apply. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { check } from '../../../../core/src/index';
import { applyFix, ctx, doc } from '../../../helpers/fixtures';
import { fixesOf, issuesOf, variant } from './base';

const FULL_HEADER: [string, string] = ['lora_finetune_single_device.py', 'full_finetune_single_device.py'];
const FULL_MODEL: [string, string] = ["torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']\n  apply_lora_to_mlp: True\n  lora_rank: 64\n  lora_alpha: 128", 'torchtune.models.llama3_2.llama3_2_1b'];

const CASES: Case[] = [
  { name: 'fp16 training', text: variant(['dtype: bf16', 'dtype: fp16']), expected: ['torchtune/fp16-unsupported@46'] },
  { name: 'fp16 generation is fine', text: variant(['lora_finetune_single_device.py', 'generate.py'], ['dtype: bf16', 'dtype: fp16']), expected: [] },
  { name: 'offloading without checkpointing', text: variant(['enable_activation_offloading: False', 'enable_activation_offloading: True']), expected: ['torchtune/offload-needs-checkpointing@48'] },
  { name: 'offloading with checkpointing', text: variant(['enable_activation_offloading: False', 'enable_activation_offloading: True'], ['enable_activation_checkpointing: False', 'enable_activation_checkpointing: True']), expected: [] },
  { name: 'offloading on CPU', text: variant(['enable_activation_offloading: False', 'enable_activation_offloading: True'], ['enable_activation_checkpointing: False', 'enable_activation_checkpointing: True'], ['device: cuda', 'device: cpu']), expected: ['torchtune/offload-device@48'] },
  { name: 'optimizer in backward with accumulation and clipping (full finetune)', text: variant(FULL_HEADER, FULL_MODEL, ['compile: False', 'compile: False\noptimizer_in_bwd: True\nclip_grad_norm: 1.0']), expected: ['torchtune/optimizer-in-bwd-accumulation@35', 'torchtune/optimizer-in-bwd-clipping@38'] },
  { name: 'optimizer in backward alone (full finetune)', text: variant(FULL_HEADER, FULL_MODEL, ['gradient_accumulation_steps: 8', 'gradient_accumulation_steps: 1'], ['compile: False', 'compile: False\noptimizer_in_bwd: True']), expected: [] },
  { name: 'the LoRA recipes never read optimizer_in_bwd', text: variant(['compile: False', 'compile: False\noptimizer_in_bwd: True']), expected: [] },
  { name: 'compile on NPU', text: variant(['compile: False', 'compile: True'], ['device: cuda', 'device: npu']), expected: ['torchtune/compile-npu@40'] },
  { name: 'left-padding collator', text: variant(['compile: False', 'compile: False\ncollate_fn: torchtune.data.left_pad_sequence']), expected: ['torchtune/left-pad-collate@41'] },
  { name: 'packed dataset without max_seq_len', text: variant(['  packed: False', '  packed: True']), expected: ['torchtune/packed-needs-max-seq-len@24'] },
  { name: 'packed dataset with max_seq_len', text: variant(['  packed: False', '  packed: True'], ['max_seq_len: null', 'max_seq_len: 2048']), expected: [] },
  { name: 'a key the LoRA recipe reads as cfg.epochs', text: variant(['epochs: 1\n', '']), expected: ['torchtune/missing-recipe-key@3'] },
  { name: 'the full-finetune recipe reads cfg.log_level too', text: variant(FULL_HEADER, FULL_MODEL, ['log_level: INFO\n', '']), expected: ['torchtune/missing-recipe-key@3'] },
  { name: 'so do the DPO, distillation and QAT recipes', text: variant(['lora_finetune_single_device.py', 'qat_distributed.py'], FULL_MODEL, ['log_level: INFO\n', '']), expected: ['torchtune/missing-recipe-key@3'] },
  { name: 'distillation without log_level', text: variant(['lora_finetune_single_device.py', 'knowledge_distillation_single_device.py'], ['log_level: INFO\n', '']), expected: ['torchtune/missing-recipe-key@3'] },
  { name: 'the DPO recipe with log_level and output_dir', text: variant(['lora_finetune_single_device.py', 'lora_dpo_single_device.py']), expected: [] },
  { name: 'compile with optimizer_in_bwd in full_finetune_distributed', text: variant(['lora_finetune_single_device.py', 'full_finetune_distributed.py'], FULL_MODEL, ['gradient_accumulation_steps: 8', 'gradient_accumulation_steps: 1'], ['compile: False', 'compile: True\noptimizer_in_bwd: True']), expected: ['torchtune/optimizer-in-bwd-compile@36'] },
  { name: 'compiling only the model with optimizer_in_bwd', text: variant(['lora_finetune_single_device.py', 'full_finetune_distributed.py'], FULL_MODEL, ['gradient_accumulation_steps: 8', 'gradient_accumulation_steps: 1'], ['compile: False', 'compile:\n  model: True\n  loss: True\noptimizer_in_bwd: True']), expected: [] },
  { name: 'the single-device full finetune compiles no optimizer step', text: variant(FULL_HEADER, FULL_MODEL, ['gradient_accumulation_steps: 8', 'gradient_accumulation_steps: 1'], ['compile: False', 'compile: True\noptimizer_in_bwd: True']), expected: [] },
  { name: 'FullModelHFCheckpointer takes output_dir: null (Optional[str])', text: variant(['  output_dir: ${output_dir}', '  output_dir: null']), expected: [] },
  { name: 'FullModelMetaCheckpointer needs a str output_dir', text: variant(['torchtune.training.FullModelHFCheckpointer', 'torchtune.training.FullModelMetaCheckpointer'], ['  output_dir: ${output_dir}', '  output_dir: null']), expected: ['torchtune/null-output-dir@19'] },
  { name: 'distributed LoRA on Llama4 must save adapters only', text: variant(['lora_finetune_single_device.py', 'lora_finetune_distributed.py'], ['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.llama4.lora_llama4_scout_17b_16e'], ['resume_from_checkpoint: False', 'resume_from_checkpoint: False\nsave_adapter_weights_only: False']), expected: ['torchtune/llama4-adapter-only@22'] },
];

for (const c of CASES) {
  test(`recipe: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'torchtune/'), c.expected);
  });
}

test('recipe: a null output_dir on FullModelHFCheckpointer is not a schema error either', async () => {
  const issues = await check(doc('/p/tt.yaml', variant(['  output_dir: ${output_dir}', '  output_dir: null'])), ctx());
  assert.deepEqual(issues.filter((i) => i.severity === 'error'), []);
});

test('recipe: quick fixes', async () => {
  assert.deepEqual(await fixesOf(variant(['dtype: bf16', 'dtype: fp16']), 'torchtune/fp16-unsupported'), ['bf16']);
  assert.deepEqual(await fixesOf(variant(['enable_activation_offloading: False', 'enable_activation_offloading: True']), 'torchtune/offload-needs-checkpointing'), ['true']);
});

test('recipe: enabling checkpointing writes the value after an empty `enable_activation_checkpointing:`', async () => {
  const text = variant(['enable_activation_offloading: False', 'enable_activation_offloading: True'], ['enable_activation_checkpointing: False', 'enable_activation_checkpointing:']);
  const issue = (await check(doc('/work/configs/run.yaml', text), ctx())).find((i) => i.code === 'torchtune/offload-needs-checkpointing');
  assert.ok(issue?.fixes?.length, 'no fix');
  const fixed = applyFix(text, issue.fixes[0]);
  assert.ok(fixed.includes('\nenable_activation_checkpointing: true\n'), fixed);
  assert.deepEqual(await issuesOf(fixed), []);
});
