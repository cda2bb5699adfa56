/**
 * Hover, data-driven: each fixture marks the cursor with <|> and lists what the markdown must say
 * (arXiv ids of papers, words) and must not say. Written against facts that do not depend on how
 * complete a format's schema is: schema sections are checked generically below.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeLensesFor, hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';
import { arxiv, HOVER_CASES as CASES } from '../helpers/hoverCases';

describe('hover: papers behind keys and values', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { text, offset } = withCursor(c.text);
      const h = await hoverAt(doc(c.path, text), offset, ctx());
      assert.ok(h, 'no hover');
      for (const want of c.has) assert.ok(typeof want === 'string' ? h.markdown.includes(want) : want.test(h.markdown), `missing ${want} in:\n${h.markdown}`);
      for (const not of c.hasNot ?? []) assert.ok(typeof not === 'string' ? !h.markdown.includes(not) : !not.test(h.markdown), `unexpected ${not} in:\n${h.markdown}`);
    });
  }
});

describe('hover: where it answers', () => {
  test('the span is the hovered key or value', async () => {
    const { text, offset } = withCursor('base_model: m/x\nadapter: q<|>lora\n');
    const h = await hoverAt(doc('/a/train.yml', text), offset, ctx());
    assert.equal(text.slice(h!.span.start, h!.span.end), 'qlora');
  });

  test('an item of a list hovers as its key', async () => {
    const { text, offset } = withCursor('{"peft_type": "LORA", "target_modules": ["q_proj", "v_<|>proj"]}');
    const h = await hoverAt(doc('/a/adapter_config.json', text), offset, ctx());
    assert.ok(h?.markdown.includes(arxiv('2106.09685')));
    assert.equal(text.slice(h!.span.start, h!.span.end), 'v_proj');
  });

  test('nothing for files that are not configs, nor between keys', async () => {
    const ci = withCursor('on:\n  pu<|>sh: {}\n');
    assert.equal(await hoverAt(doc('/a/.github/workflows/ci.yml', ci.text), ci.offset, ctx()), null);
    const gap = withCursor('base_model: m/x\n<|>\nadapter: lora\n');
    assert.equal(await hoverAt(doc('/a/train.yml', gap.text), gap.offset, ctx()), null);
  });

  test('schema facts: type, default and allowed values, for every key any schema declares', async () => {
    const { text, offset } = withCursor('base_model: m/x\nadapter: lora\nsequence_<|>len: 4096\n');
    const h = await hoverAt(doc('/a/train.yml', text), offset, ctx());
    assert.match(h!.markdown, /^\*\*`sequence_len`\*\* · integer/);
  });

  test('the model key shows the architecture it resolves to, and where from', async () => {
    const { text, offset } = withCursor('base_model: meta-llama/Llama-3.2-<|>1B\nadapter: lora\nmicro_batch_size: 1\n');
    const h = await hoverAt(doc('/a/train.yml', text), offset, ctx());
    assert.match(h!.markdown, /\*\*Architecture of `meta-llama\/Llama-3\.2-1B`\*\*/);
    for (const row of [/\| layers \| 16 \|/, /\| hidden size \| 2,048 \|/, /KV heads 8/, /\| vocabulary \| 128,256/, /\| source \| bundled catalog \|/]) assert.match(h!.markdown, row);
  });

  test('an unknown model says once that it did not resolve; the diagnostic holds what was tried', async () => {
    const { text, offset } = withCursor('base_model: nobody/no-such-<|>model\nadapter: lora\nlora_r: 8\nmicro_batch_size: 1\n');
    const h = await hoverAt(doc('/a/train.yml', text), offset, ctx());
    assert.match(h!.markdown, /\*\*Model\*\* `nobody\/no-such-model`: not resolved/);
    assert.equal(h!.markdown.match(/nobody\/no-such-model/g)?.length, 1, h!.markdown);
    assert.doesNotMatch(h!.markdown, /Tried:/);
    const rank = await hoverAt(doc('/a/train.yml', text), text.indexOf('lora_r') + 2, ctx());
    assert.match(rank!.markdown, /_No estimate: model nobody\/no-such-model not found \(the information on the model key says how to add it\)\._/);
    assert.doesNotMatch(rank!.markdown, /Tried:/);
  });

  test('the CodeLens of an unknown model says why there is no estimate', async () => {
    // Otherwise a config axolotl would start: a file with errors gets the errors in its lens instead.
    const text = 'base_model: nobody/no-such-model\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\nlearning_rate: 0.0002\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n';
    const [lens] = await codeLensesFor(doc('/a/train.yml', text), ctx());
    assert.equal(lens.title, 'lora · no estimate: model nobody/no-such-model not found');
    assert.match(lens.tooltip!, /Tried: /);
  });

  test('rank, target, batch and sequence keys show parameters and memory with their inputs', async () => {
    const config = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_target_modules:\n  - q_proj\n  - v_proj\nmicro_batch_size: 2\nsequence_len: 1024\n';
    for (const key of ['lora_r', 'lora_target_modules', 'micro_batch_size', 'sequence_len']) {
      const at = config.indexOf(key) + 2;
      const h = await hoverAt(doc('/a/train.yml', config), at, ctx());
      // LoRA on q_proj (2048→2048) and v_proj (2048→512) in 16 layers at r = 16.
      assert.match(h!.markdown, /\*\*Trainable parameters:\*\* 1,703,936 of 1\.2B/, key);
      assert.match(h!.markdown, /\*\*Peak memory per GPU:\*\* [\d.]+ GiB allocated/, key);
      assert.match(h!.markdown, /_Computed from `base_model`, `adapter`, `lora_r`, `lora_target_modules`, `micro_batch_size`, `sequence_len`/, key);
    }
  });
});
