import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildArchitecture } from '../../../core/src/models/architecture';
import { catalogConfig, catalogEntries, lookupCatalog } from '../../../core/src/models/catalog';

test('every catalog model builds, and its inventory adds up to the published parameter count', () => {
  const wrong: string[] = [];
  for (const entry of catalogEntries()) {
    const arch = buildArchitecture(catalogConfig(entry), { id: entry.id, source: 'catalog' });
    if (arch.totalParams !== entry.total_params) wrong.push(`${entry.id}: ${arch.totalParams} != ${entry.total_params}`);
  }
  assert.deepEqual(wrong, []);
});

test('the catalog covers the families and sizes the issue asks for', () => {
  const ids = catalogEntries().flatMap((e) => [e.id, ...(e.aliases ?? [])]);
  assert.ok(catalogEntries().length >= 60, `${catalogEntries().length} models`);
  for (const wanted of [
    'meta-llama/Llama-2-7b-hf',
    'meta-llama/Meta-Llama-3-8B',
    'meta-llama/Llama-3.1-8B-Instruct',
    'meta-llama/Llama-3.2-1B',
    'meta-llama/Llama-3.3-70B-Instruct',
    'mistralai/Mistral-7B-v0.1',
    'mistralai/Mixtral-8x7B-v0.1',
    'Qwen/Qwen2-7B',
    'Qwen/Qwen2.5-7B-Instruct',
    'Qwen/Qwen3-8B',
    'Qwen/Qwen3-30B-A3B',
    'google/gemma-2b',
    'google/gemma-2-9b',
    'google/gemma-3-4b-it',
    'microsoft/phi-2',
    'microsoft/Phi-3-mini-4k-instruct',
    'microsoft/Phi-3.5-mini-instruct',
    'microsoft/phi-4',
    'openai-community/gpt2',
    'facebook/opt-1.3b',
    'bigscience/bloom-560m',
    'tiiuae/falcon-7b',
    'google-t5/t5-base',
    'google/flan-t5-base',
    'google-bert/bert-base-uncased',
    'FacebookAI/roberta-base',
    'microsoft/deberta-v3-base',
  ]) {
    assert.ok(ids.includes(wanted), wanted);
  }
});

test('hub ids resolve case-insensitively to the canonical spelling, aliases included', () => {
  assert.equal(lookupCatalog('qwen/qwen2.5-7b-instruct')?.canonicalId, 'Qwen/Qwen2.5-7B-Instruct');
  assert.equal(lookupCatalog('META-LLAMA/Llama-2-7b-HF')?.entry.id, 'meta-llama/Llama-2-7b-hf');
  assert.equal(lookupCatalog('https://huggingface.co/gpt2')?.entry.id, 'openai-community/gpt2');
  assert.equal(lookupCatalog('someone/unknown-model'), undefined);
});
