/** Hover on LLaMA-Factory and TRL keys and values: the schema's description, type, default and value docs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';

async function hover(path: string, marked: string): Promise<string> {
  const { text, offset } = withCursor(marked);
  const h = await hoverAt(doc(path, text), offset, ctx());
  assert.ok(h, 'no hover');
  return h.markdown;
}

test('LLaMA-Factory key: description, type and default', async () => {
  const md = await hover('/p/lf.yaml', 'model_name_or_path: m\nstage: sft\nlora_r<|>ank: 16\n');
  assert.match(md, /\*\*`lora_rank`\*\* · integer · default `8`/);
  assert.match(md, /LoRA rank/);
});

test('LLaMA-Factory value: what the chosen method or stage means', async () => {
  assert.match(await hover('/p/lf.yaml', 'model_name_or_path: m\nfinetuning_type: o<|>ft\n'), /`oft`: Orthogonal fine-tuning/);
  assert.match(await hover('/p/lf.yaml', 'model_name_or_path: m\nstage: dp<|>o\n'), /`dpo`: Direct Preference Optimization/);
});

test('LLaMA-Factory v1 plugin keys', async () => {
  const md = await hover('/p/v1.yaml', 'model: m\npeft_config:\n  name: lora\n  lora_al<|>pha: 32\n');
  assert.match(md, /\*\*`lora_alpha`\*\* · integer · default `16`/);
});

test('TRL: the deprecated key says what replaced it', async () => {
  const md = await hover('/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\nmax_seq_<|>length: 2048\n');
  assert.match(md, /\*\*Deprecated\.\*\*/);
  assert.match(md, /max_length/);
});

test('TRL: gradient_checkpointing defaults to true in TRL configs', async () => {
  const md = await hover('/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\ngradient_check<|>pointing: true\n');
  assert.match(md, /default `true`/);
});
