/**
 * Keys judged on the file's stack (versions/history.json): a key the stack's release removed is what
 * the tool does with an unknown key (LLaMA-Factory errors, TRL's stock scripts drop it: a warning),
 * a deprecated one is a warning with its rename, one newer than the release is unknown to it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../../core/src/index';
import { ctx, doc, lineOf } from '../../helpers/fixtures';
import { lines } from '../rules/ruleTable';

const LF = ['model_name_or_path: Qwen/Qwen3-4B', 'stage: sft', 'do_train: true', 'finetuning_type: lora', 'template: qwen3', 'dataset: alpaca_en_demo', 'bf16: true'];
const DPO = ['model_name_or_path: Qwen/Qwen3-4B', 'dataset_name: trl-lib/ultrafeedback_binarized', 'output_dir: out', 'beta: 0.1'];

const CASES: [string, string, string, string[]][] = [
  ['LLaMA-Factory on transformers 5.8: save_safetensors is gone', '/p/lf.yaml', lines(...LF, 'save_safetensors: true'), ['versions/removed-key@8:error']],
  ['LLaMA-Factory on transformers 4.57.1 still has it', '/p/lf.yaml', lines('# peft-lens: transformers=4.57.1', ...LF, 'save_safetensors: true'), []],
  ['LLaMA-Factory declares overwrite_output_dir itself', '/p/lf.yaml', lines(...LF, 'overwrite_output_dir: true'), []],
  ['LLaMA-Factory on transformers 5.8: logging_dir still warns', '/p/lf.yaml', lines(...LF, 'logging_dir: logs'), ['versions/deprecated-key@8:warning']],
  ['TRL 1.9 on transformers 5.17: overwrite_output_dir is dropped', '/p/sft.yaml', lines(...DPO, 'overwrite_output_dir: true'), ['versions/removed-key@5:warning']],
  ['TRL 1.9: max_prompt_length left every trainer config', '/p/dpo.yaml', lines(...DPO, 'max_prompt_length: 512', 'max_length: 1024'), ['versions/removed-key@5:warning']],
  ['TRL 0.24 still had it', '/p/dpo.yaml', lines('# peft-lens: trl=0.24', ...DPO, 'max_prompt_length: 512', 'max_length: 1024'), []],
  ['TRL 1.9: torch_dtype was renamed dtype', '/p/sft.yaml', lines(...DPO, 'torch_dtype: bfloat16'), ['versions/removed-key@5:warning']],
  ['TRL 0.22: dtype did not exist yet', '/p/sft.yaml', lines('# peft-lens: trl=0.22', ...DPO, 'dtype: bfloat16'), ['versions/key-too-new@6:warning']],
  ['TRL 0.25: torch_dtype is deprecated, with its rename', '/p/sft.yaml', lines('# peft-lens: trl=0.25', ...DPO, 'torch_dtype: bfloat16'), ['versions/deprecated-key@6:warning']],
  ['TRL on transformers 5.17: evaluation_strategy left in 4.46', '/p/sft.yaml', lines(...DPO, 'evaluation_strategy: steps'), ['versions/removed-key@5:warning']],
  ['on transformers 4.40 evaluation_strategy still existed (and TRL 1.9 says it needs 4.56.2)', '/p/sft.yaml', lines('# peft-lens: transformers=4.40', ...DPO, 'evaluation_strategy: steps'), ['versions/outside-pins@1:warning']],
];

for (const [title, path, text, expected] of CASES) {
  test(`versions: ${title}`, async () => {
    const issues = (await check(doc(path, text), ctx())).filter((i) => i.code.startsWith('versions/'));
    assert.deepEqual(issues.map((i) => `${i.code}@${lineOf(text, i.span.start)}:${i.severity}`), expected, issues.map((i) => i.message).join('\n'));
  });
}

test('versions: a rename is offered only where the stack has the new key', async () => {
  const renamed = (await check(doc('/p/sft.yaml', lines(...DPO, 'torch_dtype: bfloat16')), ctx())).find((i) => i.code === 'versions/removed-key');
  assert.equal(renamed?.fixes?.[0].edits[0].newText, 'dtype');
  const text = lines(...LF, 'warmup_ratio: 0.1');
  const old = (await check(doc('/p/lf.yaml', text), ctx({ stacks: { llamafactory: 'transformers=4.57.1' } }))).filter((i) => i.code.startsWith('versions/'));
  assert.deepEqual(old, [], 'transformers 4 reads warmup_ratio without a warning');
});

test('versions: the schema does not warn a second time about a key whose history decides', async () => {
  const text = lines(...DPO, 'max_seq_length: 2048');
  const issues = await check(doc('/p/sft.yaml', text), ctx());
  assert.deepEqual(issues.map((i) => i.code).filter((c) => c.endsWith('deprecated-key') || c.endsWith('removed-key')), ['versions/removed-key']);
});
