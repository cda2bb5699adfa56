/**
 * torchtune recipe configs with memory switches on, through the facade: the estimate lists what each
 * switch removed, and that amount is exactly the difference to the same config with the switch off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakdownFromResult } from '../../../core/src/features/breakdown';
import { estimate } from '../../../core/src/index';
import { ctx, doc } from '../../helpers/fixtures';

const QLORA = `# tune run lora_finetune_single_device --config qlora.yaml
model:
  _component_: torchtune.models.llama3_2.qlora_llama3_2_1b
  lora_attn_modules: ['q_proj', 'v_proj']
  apply_lora_to_mlp: true
  lora_rank: 16
  lora_alpha: 32
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/tokenizer.model
  max_seq_len: 2048
dataset:
  _component_: torchtune.datasets.alpaca_cleaned_dataset
batch_size: 2
optimizer:
  _component_: torch.optim.AdamW
  lr: 3e-4
loss:
  _component_: torchtune.modules.loss.LinearCrossEntropyLoss
dtype: bf16
compile: True
enable_activation_checkpointing: True
enable_activation_offloading: True
`;

const FULL = `# tune run full_finetune_single_device --config full.yaml
model:
  _component_: torchtune.models.llama3_2.llama3_2_1b
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/tokenizer.model
  max_seq_len: 2048
batch_size: 2
optimizer:
  _component_: torch.optim.AdamW
  lr: 2e-5
loss:
  _component_: torchtune.modules.loss.LinearCrossEntropyLoss
dtype: bf16
optimizer_in_bwd: True
enable_activation_checkpointing: True
`;

async function memory(text: string) {
  const result = await estimate(doc('/w/config.yaml', text), ctx());
  assert.ok(result.memory, result.issues.map((i) => i.message).join('; '));
  return { result, memory: result.memory };
}

const removedBy = (m: { switches?: { switch: string; removed_bytes: number }[] }, name: string) => m.switches?.find((s) => s.switch === name)?.removed_bytes;

test('QLoRA with compile and offloading: each switch, with its key, and what it removed', async () => {
  const { result, memory: on } = await memory(QLORA);
  assert.deepEqual(
    on.switches?.map((s) => [s.switch, s.key]),
    [
      ['activation offloading', 'enable_activation_offloading'],
      ['torch.compile', 'compile'],
      ['chunked loss', 'loss._component_'],
      ['gradient checkpointing', 'enable_activation_checkpointing'],
      ['quantized base', 'model._component_'],
    ],
  );
  for (const [key, name] of [['compile', 'torch.compile'], ['enable_activation_offloading', 'activation offloading']]) {
    const { memory: off } = await memory(QLORA.replace(`${key}: True`, `${key}: False`));
    assert.equal(removedBy(on, name), off.peak_allocated_bytes - on.peak_allocated_bytes, key);
    assert.equal(on.switches?.find((s) => s.switch === name)?.added_bytes, 0, key);
    assert.ok(removedBy(on, name)! > 0, key);
  }
  assert.ok(on.host_offloaded_bytes! > 0);
  const markdown = breakdownFromResult(result, ctx()).markdown;
  assert.match(markdown, /\*\*What each switch removed from the peak\*\*/);
  assert.match(markdown, /- torch\.compile \(`compile`\): removed \d+\.\d+ GiB/);
  assert.match(markdown, /\*\*Pinned host memory \(offloaded activations\):\*\*/);
});

test('full fine-tuning with optimizer_in_bwd: the switch removes the gradients of every parameter but the largest', async () => {
  const { memory: on } = await memory(FULL);
  const { memory: off } = await memory(FULL.replace('optimizer_in_bwd: True', 'optimizer_in_bwd: False'));
  assert.equal(removedBy(on, 'optimizer step in backward'), off.peak_allocated_bytes - on.peak_allocated_bytes);
  assert.ok(on.assumptions.some((a) => a.startsWith('optimizer_in_bwd')));
  assert.equal(off.switches?.some((s) => s.switch === 'optimizer step in backward'), false);
});

test('a LoRA recipe ignores optimizer_in_bwd, and says so', async () => {
  const { result, memory: m } = await memory(QLORA.replace('dtype: bf16', 'dtype: bf16\noptimizer_in_bwd: True'));
  assert.equal(m.switches?.some((s) => s.switch === 'optimizer step in backward'), false);
  assert.match(result.plan?.training.optimizerInBackward?.assumed ?? '', /LoRA recipes do not read/);
});

test('a switch that costs memory at this shape says how much it adds, never a negative saving', async () => {
  // At 16 tokens the per-layer work of a switch (checkpointing's recompute and its gradients, the
  // compiled loss's saves) can outweigh what it drops: each effect is then a cost, never a negative saving.
  const { memory: m } = await memory(QLORA.replace('max_seq_len: 2048', 'max_seq_len: 16'));
  for (const s of m.switches ?? []) {
    assert.ok(s.removed_bytes >= 0 && s.added_bytes >= 0 && (s.removed_bytes === 0 || s.added_bytes === 0), JSON.stringify(s));
  }
  assert.ok(m.switches?.some((s) => s.added_bytes > 0), JSON.stringify(m.switches));
});
