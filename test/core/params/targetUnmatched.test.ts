/**
 * A target_modules entry that matches no module beside entries that do: PEFT 0.21 drops it silently
 * (it stops only when nothing matches), so the check warns at that entry, in every format's way of
 * writing the list, with the model's closest module name as the preferred fix.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, createContext, estimate, openDocument } from '../../../core/src/index';
import { summary } from '../../helpers/fixtures';

const ctx = createContext();

async function found(path: string, text: string) {
  const issues = await check(openDocument(path, text, ctx.settings), ctx);
  return issues.filter((i) => i.code === 'model/target-unmatched' || i.code === 'model/target-not-found');
}

const AXOLOTL = (targets: string) =>
  `base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_modules:\n${targets}learning_rate: 0.0002\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: data.jsonl\n    type: alpaca\n`;

const CASES: { name: string; path: string; text: string; expect: string[]; entry?: string; fix?: string }[] = [
  {
    name: 'axolotl list: the misspelt item, not the key',
    path: '/w/train.yml',
    text: AXOLOTL('  - q_proj\n  - q_projj\n  - v_proj\n'),
    expect: ['model/target-unmatched@7'],
    entry: 'q_projj',
    fix: 'q_proj',
  },
  {
    name: 'adapter_config.json list',
    path: '/w/adapter_config.json',
    text: JSON.stringify({ base_model_name_or_path: 'meta-llama/Llama-3.2-1B', peft_type: 'LORA', r: 8, target_modules: ['q_proj', 'v_projj'] }, null, 2),
    expect: ['model/target-unmatched@7'],
    entry: 'v_projj',
    fix: 'v_proj',
  },
  {
    name: "LLaMA-Factory's comma-separated lora_target",
    path: '/w/sft.yaml',
    text: 'model_name_or_path: meta-llama/Llama-3.2-1B\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_target: q_proj,v_projj\ndataset: alpaca_en_demo\ntemplate: llama3\noutput_dir: out\nbf16: true\n',
    expect: ['model/target-unmatched@5'],
    entry: 'v_projj',
    fix: 'v_proj',
  },
  {
    name: 'a name far from every module gets the warning without a guess',
    path: '/w/train.yml',
    text: AXOLOTL('  - q_proj\n  - attention_dense_layer\n'),
    expect: ['model/target-unmatched@7'],
    entry: 'attention_dense_layer',
  },
  { name: 'every entry matches: clean', path: '/w/train.yml', text: AXOLOTL('  - q_proj\n  - v_proj\n  - mlp.down_proj\n'), expect: [] },
  { name: 'nothing matches: PEFT stops, one error and no per-entry warnings', path: '/w/train.yml', text: AXOLOTL('  - query\n  - value\n'), expect: ['model/target-not-found@6'] },
];

for (const c of CASES) {
  test(`target entries: ${c.name}`, async () => {
    const issues = await found(c.path, c.text);
    assert.deepEqual(summary(c.text, issues), c.expect);
    if (!c.entry) return;
    const [issue] = issues;
    assert.equal(c.text.slice(issue.span.start, issue.span.end), c.entry, 'the span is the entry itself');
    assert.match(issue.message, new RegExp(`\`${c.entry}\` matches no module of LlamaForCausalLM`));
    if (c.fix) {
      assert.equal(issue.fixes?.[0].edits[0].newText, c.fix);
      assert.equal(issue.fixes?.[0].preferred, true);
    } else assert.equal(issue.fixes, undefined);
  });
}

test('the fix restores the count the file meant', async () => {
  const count = async (text: string) => (await estimate(openDocument('/w/train.yml', text, ctx.settings), ctx)).params?.trainable;
  const typo = AXOLOTL('  - q_proj\n  - k_projj\n  - v_proj\n');
  const [issue] = await found('/w/train.yml', typo);
  const edit = issue.fixes![0].edits[0];
  const fixed = typo.slice(0, edit.span.start) + edit.newText + typo.slice(edit.span.end);
  assert.equal(edit.newText, 'k_proj');
  // Llama-3.2-1B, r = 16, 16 layers; per layer q_proj 16 × (2048 + 2048), k_proj and v_proj 16 × (2048 + 512) each.
  assert.equal(await count(typo), 16 * (16 * (2048 + 2048) + 16 * (2048 + 512)));
  assert.equal(await count(fixed), 16 * (16 * (2048 + 2048) + 2 * 16 * (2048 + 512)));
});
