/** Hover and completion on PEFT adapter configs come from the per-peft_type schema, nested keys included. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeAt, hoverAt } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';

async function hover(marked: string): Promise<string> {
  const { text, offset } = withCursor(marked);
  return (await hoverAt(doc('/w/adapter_config.json', text), offset, ctx()))?.markdown ?? '';
}

const cases: [string, string, RegExp[]][] = [
  ['a LoRA key', '{\n  "peft_type": "LORA",\n  "r<|>": 16\n}', [/\*\*`r`\*\*/, /integer/, /default `8`/, /LoRA rank/]],
  ['the same key means something else for VeRA', '{\n  "peft_type": "VERA",\n  "r<|>": 256\n}', [/default `256`/, /shared random projections/]],
  ['a shared key through $ref', '{\n  "peft_type": "IA3",\n  "target_<|>modules": ["k_proj"]\n}', [/all-linear/, /regular expression/]],
  ['a key nested in a sub-config', '{\n  "peft_type": "LORA",\n  "init_lora_weights": "loftq",\n  "loftq_config": {"loftq_<|>bits": 4}\n}', [/\*\*`loftq_bits`\*\*/, /default `4`/, /Allowed: `2`, `4`, `8`/]],
  ['a key nested two levels deep', '{\n  "peft_type": "LORA",\n  "use_bdlora": {"nb<|>locks": 2}\n}', [/diagonal blocks/]],
  ['an init value documents its method', '{\n  "peft_type": "LORA",\n  "init_lora_weights": "pis<|>sa"\n}', [/`pissa`: PiSSA/]],
  ['a peft_type value documents its method', '{\n  "peft_type": "AD<|>ALORA"\n}', [/`ADALORA`: AdaLoRA/]],
  ['a deprecated key says so', '{\n  "peft_type": "LORA",\n  "merge_<|>weights": false\n}', [/\*\*Deprecated\.\*\*/, /PEFT 0\.3/]],
  ['without a peft_type only the shared keys are known', '{\n  "task_<|>type": "CAUSAL_LM"\n}', [/PeftModel/]],
];

for (const [name, marked, expected] of cases) {
  test(`hover: ${name}`, async () => {
    const md = await hover(marked);
    for (const re of expected) assert.match(md, re);
  });
}

test('completion offers the keys of the class peft_type selects, and peft_type values', async () => {
  const keys = withCursor('{\n  "peft_type": "OFT",\n  "oft<|>"\n}');
  const labels = (await completeAt(doc('/w/adapter_config.json', keys.text), keys.offset, ctx())).map((c) => c.label);
  assert.ok(labels.includes('oft_block_size') && labels.includes('use_cayley_neumann'));
  assert.ok(!labels.includes('lora_alpha') && !labels.includes('rank_pattern'), 'no keys of other methods, no deprecated keys');
  const values = withCursor('{\n  "peft_type": "<|>"\n}');
  const types = (await completeAt(doc('/w/adapter_config.json', values.text), values.offset, ctx())).map((c) => c.label);
  assert.ok(types.includes('LORA') && types.includes('MISS') && !types.includes('BONE'));
});
