/** `peft-lens estimate --json` prints the model, method and exact counts for an adapter next to a local model. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { assertSaneEstimateJson } from '../helpers/saneNumbers';

const CLI = resolve('dist/cli.js');

test('estimate --json: model, method and params for an adapter_config.json whose base model is a local folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-params-'));
  mkdirSync(join(dir, 'base'));
  writeFileSync(join(dir, 'base', 'config.json'), JSON.stringify({ model_type: 'qwen2', hidden_size: 896, intermediate_size: 4864, num_hidden_layers: 24, num_attention_heads: 14, num_key_value_heads: 2, vocab_size: 151936, tie_word_embeddings: true }));
  writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', r: 8, lora_alpha: 16, task_type: 'CAUSAL_LM', base_model_name_or_path: './base' }));
  const r = spawnSync(process.execPath, [CLI, 'estimate', join(dir, 'adapter_config.json'), '--json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assertSaneEstimateJson(r.stdout);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.model, { id: './base', source: 'local', file: join(dir, 'base', 'config.json'), architecture: 'Qwen2ForCausalLM' });
  assert.equal(out.method, 'lora');
  assert.equal(out.params.trainable, 540672);
  assert.equal(out.params.total, 494573440);
});

test('--model-lookups is accepted by check and estimate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-params-'));
  writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', base_model_name_or_path: 'gpt2', target_modules: ['c_attn'] }));
  for (const command of ['check', 'estimate']) {
    const r = spawnSync(process.execPath, [CLI, command, join(dir, 'adapter_config.json'), '--model-lookups'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
});
