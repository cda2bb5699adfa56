import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc } from '../helpers/fixtures';

const cases: [string, string, string | null][] = [
  ['/p/adapter_config.json', '{"r": 8}', 'peft-adapter'],
  ['/p/saved.json', '{"peft_type": "LORA", "r": 8}', 'peft-adapter'],
  ['/p/a.yml', 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\n', 'axolotl'],
  ['/p/b.yaml', 'model_name_or_path: Qwen/Qwen2.5-7B\nstage: sft\nfinetuning_type: lora\n', 'llamafactory'],
  ['/p/v1.yaml', 'model: Qwen/Qwen3-0.6B\npeft_config:\n  name: lora\n', 'llamafactory'],
  ['/p/c.yaml', 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n', 'torchtune'],
  ['/p/d.yaml', 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\nuse_peft: true\n', 'trl'],
  ['/p/.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      A: b\n    steps:\n      - run: npm test\n', null],
  ['/p/package.json', '{"name": "x", "version": "1.0.0", "scripts": {"test": "jest"}}', null],
  ['/p/docker-compose.yml', 'services:\n  web:\n    image: nginx\n    environment:\n      - A=b\n', null],
  ['/p/notes.yaml', '# peft-lens: format=axolotl\nfoo: 1\n', 'axolotl'],
  ['/p/a2.yml', '# peft-lens: format=none\nbase_model: x\nadapter: lora\n', null],
];

for (const [path, text, expected] of cases) {
  test(`detects ${path} as ${expected ?? 'nothing'}`, () => {
    assert.equal(doc(path, text).format, expected);
  });
}

test('user globs associate a format', () => {
  assert.equal(doc('/p/configs/run.yaml', 'foo: 1\n', { formatAssociations: { 'configs/*.yaml': 'trl' } }).format, 'trl');
});

test('unrelated files are left completely alone, even when broken', async () => {
  for (const [path, text] of [
    ['/p/.github/workflows/ci.yml', 'on: [push\njobs: {'],
    ['/p/package.json', '{"name": "x",, }'],
  ]) {
    assert.deepEqual(await check(doc(path, text), ctx()), []);
  }
});

test('the files setting restricts analysis', () => {
  const text = 'base_model: a/b\nadapter: lora\n';
  assert.equal(doc('/p/x/a.yml', text, { files: ['**/train/*.yml'] }).format, null);
  assert.equal(doc('/p/train/a.yml', text, { files: ['**/train/*.yml'] }).format, 'axolotl');
});

test('a binary file and an oversized config get a clear issue instead of analysis', async () => {
  const binary = await check(doc('/p/w.yaml', 'a: \u0000\u0001\u0002'), ctx());
  assert.deepEqual(binary.map((i) => i.code), ['file/binary']);
  const big = 'base_model: a/b\nadapter: lora\n' + 'x: 1\n'.repeat(600_000);
  const issues = await check(doc('/p/big.yml', big), ctx());
  assert.deepEqual(issues.map((i) => i.code), ['file/too-large']);
});

test('severity overrides change or drop issues by code', async () => {
  const text = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\nlora_r: 16\nlora_alpha: 16\nlearning_rate: 0.0002\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n';
  const d = doc('/p/a.yml', text);
  assert.deepEqual((await check(d, ctx({ severityOverrides: { 'syntax/duplicate-key': 'error' } }))).map((i) => i.severity), ['error']);
  assert.deepEqual(await check(d, ctx({ severityOverrides: { 'syntax/duplicate-key': 'off' } })), []);
});
