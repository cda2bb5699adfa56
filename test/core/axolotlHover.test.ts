/** Hover and completion on axolotl configs come from the schema: descriptions, defaults, values, deprecations. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt, hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';

async function hover(marked: string) {
  const { text, offset } = withCursor(marked);
  return (await hoverAt(doc('/p/train.yml', text), offset, ctx()))?.markdown ?? '';
}

async function complete(marked: string) {
  const { text, offset } = withCursor(marked);
  return (await completeAt(doc('/p/train.yml', text), offset, ctx())).map((c) => c.label);
}

const HEAD = 'base_model: NousResearch/Llama-3.2-1B\nmicro_batch_size: 1\n';

test('hover on a key shows its type, default and description', async () => {
  const rank = await hover(`${HEAD}adapter: lora\nlora_<|>r: 16\n`);
  assert.match(rank, /\*\*`lora_r`\*\* · integer/);
  assert.match(rank, /LoRA rank/);
  const seq = await hover(`${HEAD}sequence_<|>len: 4096\n`);
  assert.match(seq, /default `512`/);
  const bf16 = await hover(`${HEAD}bf<|>16: auto\n`);
  assert.match(bf16, /default `"auto"`/);
});

test('hover on a value explains that value', async () => {
  assert.match(await hover(`${HEAD}optimizer: paged_adamw<|>_8bit\n`), /`paged_adamw_8bit`: .*paged AdamW/);
  assert.match(await hover(`${HEAD}adapter: ql<|>ora\n`), /`qlora`: QLoRA/);
});

test('hover on a deprecated key says what replaces it; nested keys are documented too', async () => {
  assert.match(await hover(`${HEAD}flash_atten<|>tion: true\n`), /\*\*Deprecated\.\*\* use `attn_implementation: flash_attention_2`/);
  assert.match(await hover(`${HEAD}fsdp_config:\n  reshard_after_<|>forward: true\n`), /ZeRO-3 like/);
  assert.match(await hover(`${HEAD}datasets:\n  - path: a/b\n    ty<|>pe: alpaca\n`), /Prompt format/);
});

test('completion offers keys of the mapping and values of the key', async () => {
  const keys = await complete(`${HEAD}lora_<|>`);
  assert.ok(keys.includes('lora_target_linear') && keys.includes('learning_rate'));
  assert.ok(!keys.includes('flash_attention'), 'deprecated keys are not offered');
  assert.deepEqual(await complete(`${HEAD}adapter: <|>`), ['lora', 'qlora', 'llama-adapter']);
  assert.ok((await complete(`${HEAD}optimizer: <|>`)).includes('adamw_torch_fused'));
  assert.ok((await complete(`${HEAD}attn_implementation: <|>`)).includes('flash_attention_2'));
  const fsdp = await complete(`${HEAD}fsdp_config:\n  off<|>`);
  assert.ok(fsdp.includes('offload_params') && fsdp.includes('reshard_after_forward') && !fsdp.includes('fsdp_version'));
});
