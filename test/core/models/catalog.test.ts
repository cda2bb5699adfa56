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

test('no Hub id is listed twice (ids and aliases, ignoring case), so a look-up has one answer', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const entry of catalogEntries()) {
    for (const id of [entry.id, ...(entry.aliases ?? [])]) {
      const key = id.toLowerCase();
      if (seen.has(key)) twice.push(`${id} (${seen.get(key)} and ${entry.id})`);
      else seen.set(key, entry.id);
    }
  }
  assert.deepEqual(twice, []);
});

test('the models the upstream example configs name, whose architecture is built, are in the catalog', () => {
  for (const id of [
    'Qwen/Qwen3-4B-Instruct-2507',
    'codellama/CodeLlama-7b-hf',
    'codellama/CodeLlama-34b-hf',
    'TinyLlama/TinyLlama_v1.1',
    'openlm-research/open_llama_3b_v2',
    'huggyllama/llama-7b',
    '01-ai/Yi-34B-Chat',
    'HuggingFaceTB/SmolLM-360M',
    'mistralai/Ministral-8B-Instruct-2410',
    'mistralai/Magistral-Small-2506',
    'mistralai/Devstral-Small-2507',
    'mistral-community/Mixtral-8x22B-v0.1',
    'mhenrichsen/gemma-7b',
    'google/gemma-3-270m-it',
    'microsoft/phi-1_5',
    'Salesforce/xgen-7b-8k-base',
    'deepcogito/cogito-v1-preview-llama-3B',
    'agentica-org/DeepCoder-14B-Preview',
    'Skywork/Skywork-Reward-V2-Qwen3-8B',
    'alignment-handbook/zephyr-7b-sft-full',
    'teknium/OpenHermes-2.5-Mistral-7B',
    'cerebras/Cerebras-GPT-1.3B',
  ]) {
    assert.ok(lookupCatalog(id), id);
  }
});
