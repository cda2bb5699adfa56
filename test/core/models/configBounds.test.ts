/** Absurd numbers in a local config.json: an issue naming the key, never nulls, fractions or a hang. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { createContext, estimate, openDocument } from '../../../core/src/index';
import { assertSaneEstimate } from '../../helpers/saneNumbers';

const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100 };
const CONFIG = 'base_model: ./m\nadapter: lora\nlora_r: 8\nlora_target_linear: true\nmicro_batch_size: 1\nsequence_len: 512\n';

function hostWith(config: string): Host {
  return { trusted: true, workspaceFolders: ['/ws'], readFile: async (path) => (path === '/ws/m/config.json' ? config : undefined) };
}

async function estimateWith(config: string) {
  const ctx = createContext({ host: hostWith(config) });
  return estimate(openDocument('/ws/train.yml', CONFIG, ctx.settings), ctx);
}

test('the sane model counts, as a baseline for the cases below', async () => {
  const r = await estimateWith(JSON.stringify(TINY));
  assert.ok(r.params && r.params.trainable > 0 && r.params.trainable < r.params.total);
  assertSaneEstimate(r);
});

const CASES: [string, string, string][] = [
  ['num_hidden_layers', '1e12', 'num_hidden_layers'],
  ['num_hidden_layers', '123456789012345678901', 'num_hidden_layers'],
  ['hidden_size', '1e200', 'hidden_size'],
  ['hidden_size', '-1', 'hidden_size'],
  ['hidden_size', '0.5', 'hidden_size'],
  ['hidden_size', '1e999', 'hidden_size'],
  ['num_attention_heads', '0', 'num_attention_heads'],
  ['vocab_size', '1e9', 'vocab_size'],
  ['intermediate_size', '-4096', 'intermediate_size'],
];

for (const [key, value, named] of CASES) {
  test(`config.json ${key}: ${value} gives model/invalid-config naming the key`, { timeout: 5000 }, async () => {
    const text = JSON.stringify(TINY).replace(new RegExp(`"${key}":-?[0-9.]+`), `"${key}":${value}`);
    assert.ok(text.includes(`"${key}":${value}`), text);
    const r = await estimateWith(text);
    assert.equal(r.params, undefined, 'no counts from an impossible model');
    const issue = r.issues.find((i) => i.code === 'model/invalid-config');
    assert.ok(issue, JSON.stringify(r.issues));
    assert.match(issue.message, new RegExp(`\`${named}\``));
    assert.ok(!issue.message.includes(value), `the file's value is not quoted: ${issue.message}`);
    assertSaneEstimate(r);
  });
}
