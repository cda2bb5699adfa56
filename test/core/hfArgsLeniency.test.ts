/**
 * LLaMA-Factory and TRL keep YAML values as written (HfArgumentParser.parse_dict; argparse defaults
 * that are not strings) and test boolean options for truthiness: only mismatches that really raise
 * or misread stay errors. Keys the run never reads (`x-read-when`) and values the tool treats as
 * another (`x-other-values`) are hints. Each case: the text and every issue as `code@line:severity`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc, lineOf } from '../helpers/fixtures';
import { lines } from './rules/ruleTable';

type Case = [title: string, path: string, text: string, expected: string[]];

const LF = ['model_name_or_path: Qwen/Qwen3-4B', 'bf16: true', 'template: qwen3', 'dataset: alpaca_en_demo', 'do_train: true'];
const TRL = ['model_name_or_path: Qwen/Qwen3-4B', 'dataset_name: trl-lib/Capybara', 'output_dir: out'];

const cases: Case[] = [
  ['LLaMA-Factory: 1 for a boolean works as true', '/p/lf.yaml', lines(...LF, 'stage: sft', 'do_eval: 1', 'val_size: 0.1'), ['schema/truth-value@7:hint']],
  ['LLaMA-Factory: 0 for a boolean works as false', '/p/lf.yaml', lines(...LF, 'stage: sft', 'plot_loss: 0'), ['schema/truth-value@7:hint']],
  ['LLaMA-Factory: a word for a boolean is always true, so it stays an error', '/p/lf.yaml', lines(...LF, 'stage: sft', 'plot_loss: "false"'), ['schema/wrong-type@7:error']],
  ['LLaMA-Factory: enable_thinking is tested with `is False`, so 0 is not false', '/p/lf.yaml', lines(...LF, 'stage: sft', 'enable_thinking: 0'), ['schema/wrong-type@7:error']],
  ['LLaMA-Factory: pref_beta: null in an SFT run is never read', '/p/lf.yaml', lines(...LF, 'stage: sft', 'pref_beta: null'), ['schema/wrong-type@7:hint']],
  ['LLaMA-Factory: pref_beta: null in a DPO run is read', '/p/lf.yaml', lines(...LF, 'stage: dpo', 'pref_beta: null'), ['schema/wrong-type@7:error']],
  ['LLaMA-Factory: lora_rank is never read in a full fine-tune', '/p/lf.yaml', lines(...LF, 'stage: sft', 'finetuning_type: full', 'lora_rank: 0'), ['llamafactory/ignored-method-key@8:warning', 'schema/out-of-range@8:hint']],
  ['LLaMA-Factory: lora_rank 0 in a LoRA run', '/p/lf.yaml', lines(...LF, 'stage: sft', 'finetuning_type: lora', 'lora_rank: 0'), ['schema/out-of-range@8:error']],
  ['LLaMA-Factory: galore options without use_galore', '/p/lf.yaml', lines(...LF, 'stage: sft', 'finetuning_type: full', 'galore_rank: null'), ['schema/wrong-type@8:hint']],
  ['LLaMA-Factory: export_device: gpu behaves like auto', '/p/export.yaml', lines('model_name_or_path: Qwen/Qwen3-4B', 'template: qwen3', 'finetuning_type: lora', 'export_dir: out', 'export_device: gpu'), ['schema/value-read-as@5:hint']],
  ['LLaMA-Factory: export_device: auto is documented', '/p/export.yaml', lines('model_name_or_path: Qwen/Qwen3-4B', 'template: qwen3', 'finetuning_type: lora', 'export_dir: out', 'export_device: auto'), []],
  ['TRL: 1 for a boolean works as true', '/p/sft.yaml', lines(...TRL, 'gradient_checkpointing: 1'), ['schema/truth-value@4:hint']],
  ['TRL: lora_r is never read without use_peft', '/p/sft.yaml', lines(...TRL, 'lora_r: 0'), ['trl/lora-option-without-peft@4:warning', 'schema/out-of-range@4:hint']],
  ['TRL: lora_r 0 with use_peft', '/p/sft.yaml', lines(...TRL, 'use_peft: true', 'lora_r: 0', 'lora_target_modules: all-linear'), ['schema/out-of-range@5:error']],
  ['TRL: reward_weights is a list of floats (GRPOConfig, TRL 1.9)', '/p/grpo.yaml', lines(...TRL, 'reward_weights: [1.0, 0.5]'), []],
  ['TRL: reward_weights as names', '/p/grpo.yaml', lines(...TRL, 'reward_weights: [accuracy]'), ['schema/wrong-type@4:error']],
];

for (const [title, path, text, expected] of cases) {
  test(title, async () => {
    const issues = await check(doc(path, text), ctx());
    assert.deepEqual(issues.map((i) => `${i.code}@${lineOf(text, i.span.start)}:${i.severity}`), expected, issues.map((i) => i.message).join('\n'));
  });
}

test('a truth value offers the boolean it stands for, and says why it works', async () => {
  const text = lines(...LF, 'stage: sft', 'do_eval: 1', 'val_size: 0.1');
  const issue = (await check(doc('/p/lf.yaml', text), ctx())).find((i) => i.code === 'schema/truth-value');
  assert.match(issue?.message ?? '', /reads as true/);
  assert.equal(issue?.fixes?.[0].edits[0].newText, 'true');
});
