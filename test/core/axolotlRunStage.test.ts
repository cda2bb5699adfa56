/**
 * What axolotl 0.18's config check refuses, what the run refuses later, and what the run copes with.
 * A bound or enum the schema marks `x-checked-later` is an error with stage `run` when the run fails
 * on it (torch's optimizers, PEFT's layers, transformers' argument enums), a warning when it goes on;
 * bounds axolotl's validators enforce stay start-up errors. Each case: the text and its schema and
 * adapter issues as `code@line:severity`, with `:run` for the run stage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc, lineOf } from '../helpers/fixtures';
import { lines } from './rules/ruleTable';

const BASE = ['base_model: NousResearch/Llama-3.2-1B', 'datasets:', '  - path: tatsu-lab/alpaca', '    type: alpaca', 'learning_rate: 0.0002', 'micro_batch_size: 2'];
const LORA = ['adapter: lora', 'lora_r: 16', 'lora_alpha: 32', 'lora_target_linear: true'];
const PATH = '/p/axolotl.yml';

type Case = [title: string, text: string, expected: string[]];

const cases: Case[] = [
  // axolotl 0.18 enforces these itself (validators on the batch sizes), at start-up.
  ['micro_batch_size 0 is refused by axolotl\'s config check', lines(...BASE.slice(0, 5), 'micro_batch_size: 0'), ['schema/out-of-range@6:error']],
  // The run fails on these after the config check passed.
  ['a negative learning rate fails when torch builds the optimizer', lines(...BASE.slice(0, 4), 'learning_rate: -0.0002', 'micro_batch_size: 2'), ['schema/out-of-range@5:error:run']],
  ['a negative weight decay fails when torch builds the optimizer', lines(...BASE, 'weight_decay: -0.01'), ['schema/out-of-range@7:error:run']],
  ['adam_beta2 above 1 fails when torch builds the optimizer', lines(...BASE, 'adam_beta2: 1.5'), ['schema/out-of-range@7:error:run']],
  ['rank 0 fails when PEFT builds the LoRA layers', lines(...BASE, 'adapter: lora', 'lora_r: 0', 'lora_alpha: 32', 'lora_target_linear: true'), ['schema/out-of-range@8:error:run']],
  ['a dropout above 1 fails when PEFT builds the layers', lines(...BASE, ...LORA, 'lora_dropout: 1.5'), ['schema/out-of-range@11:error:run']],
  ['a negative val_set_size fails when the evaluation split is made', lines(...BASE, 'val_set_size: -0.1'), ['schema/out-of-range@7:error:run']],
  ['a cosine_min_lr_ratio above 1 fails an assertion when the schedule is built', lines(...BASE, 'cosine_min_lr_ratio: 1.5'), ['schema/out-of-range@7:error:run']],
  ['an unknown optimizer name fails when transformers reads `optim`', lines(...BASE, 'optimizer: adamw_torch_fusd'), ['schema/invalid-value@7:error:run']],
  ['an unknown scheduler fails when transformers reads `lr_scheduler_type`', lines(...BASE, 'lr_scheduler: cosin'), ['schema/invalid-value@7:error:run']],
  ['LoRA without a rank fails when PEFT builds the layers', lines(...BASE, 'adapter: lora', 'lora_alpha: 32', 'lora_target_linear: true'), ['axolotl/lora-missing-size@7:error:run']],
  // The run goes on with these: warnings that say what it does instead.
  ['a negative warmup_ratio means no warm-up', lines(...BASE, 'warmup_ratio: -0.1'), ['schema/out-of-range@7:warning']],
  ['a warmup_ratio above 1 outlasts the run', lines(...BASE, 'warmup_ratio: 1.5'), ['schema/out-of-range@7:warning']],
  ['a negative lora_dropout means no dropout layer', lines(...BASE, ...LORA, 'lora_dropout: -0.1'), ['schema/out-of-range@11:warning']],
  ['a negative saves_per_epoch is not refused', lines(...BASE, 'saves_per_epoch: -1'), ['schema/out-of-range@7:warning']],
  ['tensor_parallel_size 0 is read as 1', lines(...BASE, 'tensor_parallel_size: 0'), ['schema/out-of-range@7:warning']],
  ['a negative max_grad_norm turns clipping off', lines(...BASE, 'max_grad_norm: -1'), ['schema/out-of-range@7:warning']],
  ['early_stopping_patience 0 turns early stopping off', lines(...BASE, 'early_stopping_patience: 0'), ['schema/out-of-range@7:warning']],
  // A wrong type stays a start-up error even where the range is checked later: pydantic refuses it.
  ['a word for weight_decay is refused by axolotl\'s config check', lines(...BASE, 'weight_decay: plenty'), ['schema/wrong-type@7:error']],
  ['a known optimizer is fine', lines(...BASE, 'optimizer: adamw_torch_fused'), []],
];

for (const [title, text, expected] of cases) {
  test(`axolotl stage: ${title}`, async () => {
    const issues = (await check(doc(PATH, text), ctx())).filter((i) => i.code.startsWith('schema/') || i.code === 'axolotl/lora-missing-size');
    assert.deepEqual(issues.map((i) => `${i.code}@${lineOf(text, i.span.start)}:${i.severity}${i.stage ? `:${i.stage}` : ''}`), expected, issues.map((i) => i.message).join('\n'));
  });
}

test('axolotl stage: the message says the config check lets the value through, and where the run fails', async () => {
  const text = lines(...BASE, 'weight_decay: -0.01');
  const issue = (await check(doc(PATH, text), ctx())).find((i) => i.code === 'schema/out-of-range')!;
  assert.match(issue.message, /config check lets it through, but torch 2\.11's optimizers raise/);
  const warm = (await check(doc(PATH, lines(...BASE, 'warmup_ratio: -0.1')), ctx())).find((i) => i.code === 'schema/out-of-range')!;
  assert.match(warm.message, /does not refuse it: axolotl 0\.18 derives the warm-up steps/);
});

const flags: Case[] = [
  ['a word for a legacy attention flag reads as true', lines(...BASE, 'flash_attention: plenty'), ['schema/deprecated-key@7:warning', 'schema/truth-value@7:warning']],
  ['"false" for a legacy attention flag reads as true too', lines(...BASE, 'sdp_attention: "false"'), ['schema/deprecated-key@7:warning', 'schema/truth-value@7:warning']],
  ['1 for a legacy attention flag reads as true, as expected', lines(...BASE, 'flash_attention: 1'), ['schema/deprecated-key@7:warning', 'schema/truth-value@7:hint']],
  ['a word for an ordinary boolean is still refused by pydantic', lines(...BASE, 'use_kernels: plenty'), ['schema/wrong-type@7:error']],
];

for (const [title, text, expected] of flags) {
  test(`axolotl truth-tested flags: ${title}`, async () => {
    const issues = (await check(doc(PATH, text), ctx())).filter((i) => i.code.startsWith('schema/'));
    assert.deepEqual(issues.map((i) => `${i.code}@${lineOf(text, i.span.start)}:${i.severity}`), expected, issues.map((i) => i.message).join('\n'));
  });
}
