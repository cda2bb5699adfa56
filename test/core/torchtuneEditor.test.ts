/** Hover and completion for torchtune `_component_` paths and component arguments, from the catalog. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeComponent } from '../../core/src/formats/torchtune';
import { completeAt, hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';

async function hover(marked: string) {
  const { text, offset } = withCursor(marked);
  return hoverAt(doc('/work/run.yaml', text), offset, ctx());
}

async function labels(marked: string) {
  const { text, offset } = withCursor(marked);
  return (await completeAt(doc('/work/run.yaml', text), offset, ctx())).map((c) => c.label);
}

test('hover: a LoRA builder shows its arguments, defaults, tied output and papers', async () => {
  const h = await hover('model:\n  _component_: torchtune.models.llama3_2.lora_<|>llama3_2_1b\n  lora_attn_modules: [q_proj]\n');
  assert.ok(h);
  assert.match(h.markdown, /LoRA model builder/);
  assert.match(h.markdown, /meta-llama\/Llama-3\.2-1B/);
  assert.match(h.markdown, /\| `lora_attn_modules` \| \*\*required\*\* \|/);
  assert.match(h.markdown, /\| `lora_rank` \| `8` \|/);
  assert.match(h.markdown, /\| `apply_lora_to_mlp` \| `False` \|/);
  assert.match(h.markdown, /apply_lora_to_output: True` raises/);
  assert.match(h.markdown, /arxiv\.org\/abs\/2106\.09685/);
});

test('hover: re-exports, moved paths and recipe-supplied arguments', async () => {
  assert.match(describeComponent('torchtune.training.FullModelHFCheckpointer') ?? '', /Re-export of `torchtune\.training\.checkpointing\._checkpointer\.FullModelHFCheckpointer`/);
  assert.match(describeComponent('torchtune.utils.metric_logging.DiskLogger') ?? '', /torchtune 0\.7 names it `torchtune\.training\.metric_logging\.DiskLogger`/);
  assert.match(describeComponent('torch.optim.AdamW') ?? '', /Supplied by the recipe: `params`/);
  assert.equal(describeComponent('my_project.build'), undefined);
});

test('hover: an argument the schema does not document shows its default', async () => {
  const h = await hover('optimizer:\n  _component_: torch.optim.AdamW\n  amsg<|>rad: false\n');
  assert.match(h?.markdown ?? '', /argument of `torch\.optim\.AdamW`[\s\S]*`False`/);
});

test('hover: keys the schema documents keep the schema text', async () => {
  const h = await hover('model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_ra<|>nk: 8\n');
  assert.match(h?.markdown ?? '', /Rank r of each low-rank update/);
});

test('completion: model builders for `model._component_`, optimizers for `optimizer._component_`', async () => {
  const models = await labels('output_dir: /tmp\nmodel:\n  _component_: torchtune.models.llama3_2.<|>\n');
  assert.ok(models.includes('torchtune.models.llama3_2.lora_llama3_2_1b'));
  assert.ok(models.includes('torchtune.models.qwen2_5.qlora_qwen2_5_7b_instruct') === false);
  assert.ok(!models.includes('torch.optim.AdamW'));
  const optimizers = await labels('output_dir: /tmp\noptimizer:\n  _component_: <|>\n');
  assert.ok(optimizers.includes('torch.optim.AdamW'));
  assert.ok(optimizers.includes('bitsandbytes.optim.PagedAdamW8bit'));
  assert.ok(!optimizers.includes('torchtune.models.llama3_2.lora_llama3_2_1b'));
});

test('completion: checkpointers are offered by their public path', async () => {
  const paths = await labels('output_dir: /tmp\ncheckpointer:\n  _component_: <|>\n');
  assert.ok(paths.includes('torchtune.training.FullModelHFCheckpointer'));
  assert.ok(!paths.some((p) => p.includes('._checkpointer')));
});

test('completion: the arguments a component block does not set yet', async () => {
  const keys = await labels('output_dir: /tmp\noptimizer:\n  _component_: torch.optim.AdamW\n  lr: 0.001\n  <|>\n');
  assert.ok(keys.includes('weight_decay'));
  assert.ok(keys.includes('betas'));
  assert.ok(!keys.includes('lr'));
  assert.ok(!keys.includes('params'));
});
