/** torchtune LoRA builder blocks: module names, tied output projections, keys the LoRA recipes read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { BASE, fixesOf, issuesOf, variant } from './base';

const ATTN = "['q_proj', 'v_proj', 'output_proj']";

const CASES: Case[] = [
  { name: "HF's o_proj", text: variant([ATTN, "['q_proj', 'v_proj', 'o_proj']"]), expected: ['torchtune/lora-attn-module@6'] },
  { name: 'an MLP projection in the attention list', text: variant([ATTN, "['q_proj', 'gate_proj']"]), expected: ['torchtune/lora-attn-module@6'] },
  { name: 'every torchtune name is accepted', text: variant([ATTN, "['q_proj', 'k_proj', 'v_proj', 'output_proj']"]), expected: [] },
  { name: 'an empty list', text: variant([ATTN, '[]']), expected: ['torchtune/lora-attn-modules-empty@6'] },
  { name: 'output LoRA on Llama 3.2 1B (tied, raises when true)', text: variant(['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: True\n  apply_lora_to_output: True']), expected: ['torchtune/lora-output-tied@8'] },
  { name: 'output LoRA on Llama 3.2 1B with untied embeddings is fine', text: variant(['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: True\n  apply_lora_to_output: True\n  tie_word_embeddings: False']), expected: [] },
  { name: 'output LoRA off on Llama 3.2 1B is fine', text: variant(['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: True\n  apply_lora_to_output: False']), expected: [] },
  { name: 'Gemma has no apply_lora_to_output at all', text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.gemma.lora_gemma_2b'], ['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: True\n  apply_lora_to_output: False']), expected: ['torchtune/lora-output-tied@8'] },
  { name: 'output LoRA on untied Llama 3.1 8B is fine', text: variant(['torchtune.models.llama3_2.lora_llama3_2_1b', 'torchtune.models.llama3_1.lora_llama3_1_8b'], ['  apply_lora_to_mlp: True', '  apply_lora_to_mlp: True\n  apply_lora_to_output: True']), expected: [] },
  { name: 'the LoRA recipe reads lora_alpha directly', text: variant(['  lora_alpha: 128\n', '']), expected: ['torchtune/missing-lora-key@4'] },
  { name: 'without a header comment, a LoRA builder plus an optimizer is a LoRA run', text: variant(['# Config for single device LoRA finetuning in lora_finetune_single_device.py\n#   tune run lora_finetune_single_device --config my_lora.yaml\n', ''], ['  apply_lora_to_mlp: True\n', '']), expected: ['torchtune/missing-lora-key@2'] },
  { name: 'generation does not read the LoRA keys', text: variant(['lora_finetune_single_device.py', 'generate.py'], ['  lora_alpha: 128\n', '']), expected: [] },
];

for (const c of CASES) {
  test(`lora: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'torchtune/'), c.expected);
  });
}

test('lora: quick fixes', async () => {
  assert.deepEqual(await fixesOf(variant([ATTN, "['q_proj', 'v_proj', 'o_proj']"]), 'torchtune/lora-attn-module'), ['output_proj']);
  assert.deepEqual(await fixesOf(variant(['  lora_alpha: 128\n', '']), 'torchtune/missing-lora-key'), ['  lora_alpha: 16\n']);
  assert.ok(BASE.includes(ATTN));
});
