/**
 * Values a loader reads differently from how they look: quoted numbers (axolotl converts them,
 * so the estimate must too) and counts written as infinity or with 400 digits (an error at the
 * value, never a silent default). Table tests at the core boundary: code@line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, createContext, estimate, openDocument } from '../../core/src/index';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const ctx = createContext({});
const HUGE = '9'.repeat(400);
const AXOLOTL = (extra: string) => `base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_alpha: 16\nlora_target_linear: true\nlearning_rate: 0.0002\ngradient_accumulation_steps: 1\nmicro_batch_size: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n${extra}`;

async function run(path: string, text: string) {
  const doc = openDocument(path, text, ctx.settings);
  const issues = await check(doc, ctx);
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const result = await estimate(doc, ctx);
  assertSaneEstimate(result, path);
  return { codes: issues.map((i) => `${i.code}@${line(i.span.start)}`), result };
}

test('axolotl: a quoted lora_r counts as the rank pydantic converts it to', async () => {
  const quoted = await run('/ws/q.yml', AXOLOTL('lora_r: "32"\n'));
  const plain = await run('/ws/p.yml', AXOLOTL('lora_r: 32\n'));
  assert.deepEqual(quoted.codes, plain.codes);
  assert.equal(quoted.result.plan?.peft?.r, 32);
  assert.equal(quoted.result.params?.trainable, plain.result.params?.trainable);
  assert.equal(plain.result.params?.trainable, 22_544_384);
});

const UNREPRESENTABLE: [string, string, string, string[]][] = [
  ['axolotl lora_r: .inf', '/ws/a.yml', AXOLOTL('lora_r: .inf\n'), ['value/unrepresentable-number@11']],
  ['axolotl lora_r: 400 digits', '/ws/a.yml', AXOLOTL(`lora_r: ${HUGE}\n`), ['value/unrepresentable-number@11']],
  ['axolotl micro_batch_size: .inf', '/ws/a.yml', AXOLOTL('lora_r: 8\nsequence_len: .inf\n').replace('micro_batch_size: 1', 'micro_batch_size: .Inf'), ['value/unrepresentable-number@7', 'value/unrepresentable-number@12']],
  ['axolotl gradient_accumulation_steps: 400 digits', '/ws/a.yml', AXOLOTL('lora_r: 8\n').replace('gradient_accumulation_steps: 1', `gradient_accumulation_steps: ${HUGE}`), ['value/unrepresentable-number@6']],
  // PyYAML reads 1e999 (no dot, no exponent sign) as a string: a wrong type, not infinity.
  ['axolotl sequence_len: 1e999', '/ws/a.yml', AXOLOTL('lora_r: 8\nsequence_len: 1e999\n'), ['schema/wrong-type@12']],
  ['PEFT r: 1e999', '/ws/adapter_config.json', '{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "meta-llama/Llama-3.2-1B",\n  "r": 1e999,\n  "target_modules": ["q_proj"]\n}\n', ['value/unrepresentable-number@4']],
  ['PEFT r: 400 digits', '/ws/adapter_config.json', `{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "meta-llama/Llama-3.2-1B",\n  "r": ${HUGE},\n  "target_modules": ["q_proj"]\n}\n`, ['value/unrepresentable-number@4']],
];

for (const [name, path, text, expected] of UNREPRESENTABLE) {
  test(`${name} is an error at the value`, async () => {
    const { codes } = await run(path, text);
    assert.deepEqual(
      codes.filter((c) => c.startsWith('value/') || c.startsWith('schema/wrong-type')),
      expected,
    );
  });
}

test('LLaMA-Factory and TRL counts written as .inf are errors at the value', async () => {
  const lf = await run('/ws/lf.yaml', 'model_name_or_path: meta-llama/Llama-3.2-1B\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_rank: .inf\nper_device_train_batch_size: .inf\ncutoff_len: .inf\ngradient_accumulation_steps: .inf\n');
  assert.deepEqual(lf.codes.filter((c) => c.startsWith('value/')), [5, 6, 7, 8].map((l) => `value/unrepresentable-number@${l}`));
  const trl = await run('/ws/sft.trl.yaml', `model_name_or_path: meta-llama/Llama-3.2-1B\nuse_peft: true\nlora_r: .inf\nper_device_train_batch_size: ${HUGE}\nmax_length: .inf\n`);
  assert.deepEqual(trl.codes.filter((c) => c.startsWith('value/')), [3, 4, 5].map((l) => `value/unrepresentable-number@${l}`));
});
