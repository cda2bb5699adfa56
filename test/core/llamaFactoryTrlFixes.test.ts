/** Quick fixes of the LLaMA-Factory and TRL rules: applying one removes the issue and leaves valid YAML. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { applyFix, ctx, doc } from '../helpers/fixtures';

const cases: [string, string, string, string, string][] = [
  ['LF: remove a LoRA-only option from full fine-tuning', '/p/lf.yaml', 'model_name_or_path: m\nstage: sft\nfinetuning_type: full\nuse_dora: true\nbf16: true\n', 'llamafactory/lora-only-option', 'model_name_or_path: m\nstage: sft\nfinetuning_type: full\nbf16: true\n'],
  ['LF: bnb bits', '/p/lf.yaml', 'model_name_or_path: m\nstage: sft\nquantization_bit: 3\n', 'llamafactory/quantization-bits', 'model_name_or_path: m\nstage: sft\nquantization_bit: 4\n'],
  ['LF: a quoted number', '/p/lf.yaml', 'model_name_or_path: m\nstage: sft\nlearning_rate: "5e-5"\n', 'llamafactory/number-as-string', 'model_name_or_path: m\nstage: sft\nlearning_rate: 0.00005\n'],
  ['LF: all-linear', '/p/lf.yaml', 'model_name_or_path: m\nstage: sft\nlora_target: all-linear\n', 'llamafactory/target-modules', 'model_name_or_path: m\nstage: sft\nlora_target: all\n'],
  // A JSON string's span leaves out its quotes: the replacement must not add a second pair.
  ['LF (JSON): all-linear', '/p/lf.json', '{"model_name_or_path": "m", "stage": "sft", "lora_target": "all-linear"}\n', 'llamafactory/target-modules', '{"model_name_or_path": "m", "stage": "sft", "lora_target": "all"}\n'],
  ['TRL: comma-separated targets become a list', '/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\nuse_peft: true\nlora_target_modules: q_proj,v_proj\n', 'trl/target-modules-string', 'model_name_or_path: m\ndataset_name: d\nuse_peft: true\nlora_target_modules: ["q_proj","v_proj"]\n'],
  ['TRL: both quantizations', '/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\nuse_peft: true\nload_in_4bit: true\nload_in_8bit: true\n', 'trl/4bit-and-8bit', 'model_name_or_path: m\ndataset_name: d\nuse_peft: true\nload_in_4bit: true\n'],
  // PyYAML reads a bare `no` as false: the suggested enum value must be written quoted.
  ['TRL: a misspelt `no`', '/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\neval_strategy: noo\n', 'schema/invalid-value', 'model_name_or_path: m\ndataset_name: d\neval_strategy: "no"\n'],
  // TRL 1.9 (the reference) no longer has it: the stack-aware check reports it, with the same rename.
  ['TRL: rename max_seq_length', '/p/sft.yaml', 'model_name_or_path: m\ndataset_name: d\nmax_seq_length: 2048\n', 'versions/removed-key', 'model_name_or_path: m\ndataset_name: d\nmax_length: 2048\n'],
];

for (const [title, path, text, code, expected] of cases) {
  test(`fix: ${title}`, async () => {
    const issue = (await check(doc(path, text), ctx())).find((i) => i.code === code);
    assert.ok(issue?.fixes?.length, `no ${code} with a fix`);
    const fixed = applyFix(text, issue.fixes[0]);
    assert.equal(fixed, expected);
    const after = await check(doc(path, fixed), ctx());
    assert.deepEqual(after.filter((i) => i.code === code || i.code.startsWith('syntax/')), []);
  });
}
