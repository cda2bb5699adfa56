import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { resolveSettings } from '../../../core/src/index';
import { architectureMarkdown } from '../../../core/src/features/hoverModel';
import { createModelResolver } from '../../../core/src/models/resolver';
import { sourceText } from '../../../core/src/models/source';
import { isInside, resolvePath } from '../../../core/src/models/paths';

const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100, tie_word_embeddings: false };

function host(files: Record<string, string>, options: Partial<Host> = {}): Host & { reads: string[] } {
  const reads: string[] = [];
  return {
    trusted: true,
    workspaceFolders: ['/ws'],
    reads,
    async readFile(path: string) {
      reads.push(path);
      return files[path];
    },
    ...options,
  };
}

test('a local folder or config.json resolves relative to the config file', async () => {
  const h = host({ '/ws/models/tiny/config.json': JSON.stringify(TINY), '/ws/cfg/other.json': JSON.stringify(TINY) });
  const r = createModelResolver(h, resolveSettings({}));
  const a = await r.resolve('../models/tiny', '/ws/cfg/adapter_config.json');
  assert.equal(a.architecture?.source, 'local');
  assert.equal(a.architecture?.className, 'LlamaForCausalLM');
  assert.equal(a.architecture?.totalParams, 100 * 64 * 2 + 64 + 2 * (4 * 64 * 64 + 3 * 64 * 128 + 2 * 64));
  const b = await r.resolve('./other.json', '/ws/cfg/train.yml');
  assert.equal(b.architecture?.id, './other.json');
  const abs = await r.resolve('/ws/models/tiny', '/elsewhere/x.yml');
  assert.equal(abs.architecture?.source, 'local');
});

test('hub ids go to the catalog, case-insensitively, reporting the canonical id', async () => {
  const r = createModelResolver(host({}), resolveSettings({}));
  const res = await r.resolve('qwen/QWEN2.5-0.5B', '/ws/a.yml');
  assert.equal(res.architecture?.source, 'catalog');
  assert.equal(res.architecture?.id, 'Qwen/Qwen2.5-0.5B');
  assert.equal(res.canonicalId, 'Qwen/Qwen2.5-0.5B');
});

test('a local folder shadows the catalog entry of the same name', async () => {
  const r = createModelResolver(host({ '/ws/gpt2/config.json': JSON.stringify(TINY) }), resolveSettings({}));
  assert.equal((await r.resolve('gpt2', '/ws/a.yml')).architecture?.source, 'local');
});

test('unknown models name every source tried, and nothing is guessed', async () => {
  const r = createModelResolver(host({}), resolveSettings({}));
  const res = await r.resolve('acme/secret-model-7b', '/ws/a.yml');
  assert.equal(res.architecture, undefined);
  assert.match(res.reason!, /bundled catalog \(not listed\)/);
  assert.match(res.reason!, /Hugging Face Hub \(look-ups are off/);
  const path = await r.resolve('./nowhere', '/ws/a.yml');
  assert.match(path.reason!, /local path \/ws\/nowhere\/config.json \(no such file\)/);
});

test('untrusted workspace: a path outside it is not read and gets an informational notice', async () => {
  const h = host({ '/etc/model/config.json': JSON.stringify(TINY) }, { trusted: false });
  const r = createModelResolver(h, resolveSettings({ modelLookups: true }));
  const res = await r.resolve('../../etc/model', '/ws/cfg/a.yml');
  assert.equal(res.architecture, undefined);
  assert.deepEqual(h.reads, []);
  assert.equal(res.notices?.[0].code, 'model/outside-workspace');
  assert.equal(res.notices?.[0].severity, 'info');
  const hub = await r.resolve('acme/tiny', '/ws/cfg/a.yml');
  assert.match(hub.reason!, /Hugging Face Hub \(not in an untrusted workspace\)/);
});

test('an unsupported model_type is reported, not approximated', async () => {
  const h = host({ '/ws/m/config.json': JSON.stringify({ model_type: 'mamba', hidden_size: 768 }) });
  const res = await createModelResolver(h, resolveSettings({})).resolve('./m', '/ws/a.yml');
  assert.equal(res.architecture, undefined);
  assert.equal(res.notices?.[0].code, 'model/unsupported-architecture');
  assert.match(res.notices![0].message, /model_type `mamba`/);
});

test('the hub is asked only when look-ups are on, over https, and its answer is used', async () => {
  const urls: string[] = [];
  const fetchText = async (url: string) => {
    urls.push(url);
    return JSON.stringify(TINY);
  };
  const off = await createModelResolver(host({}, { fetchText }), resolveSettings({})).resolve('acme/tiny', '/ws/a.yml');
  assert.equal(off.architecture, undefined);
  assert.deepEqual(urls, []);
  const on = createModelResolver(host({}, { fetchText }), resolveSettings({ modelLookups: true, hubEndpoint: 'https://hub.example/' }));
  const res = await on.resolve('acme/tiny', '/ws/a.yml');
  assert.equal(res.architecture?.source, 'hub');
  assert.deepEqual(urls, ['https://hub.example/acme/tiny/resolve/main/config.json']);
  const http = await createModelResolver(host({}, { fetchText }), resolveSettings({ modelLookups: true, hubEndpoint: 'http://hub.example' })).resolve('acme/x', '/ws/a.yml');
  assert.match(http.reason!, /must be an https URL/);
});

test('a failing hub look-up says why (offline) as an informational notice', async () => {
  const fetchText = async () => {
    throw new Error('cannot resolve hub.example (offline?)');
  };
  const res = await createModelResolver(host({}, { fetchText }), resolveSettings({ modelLookups: true })).resolve('acme/tiny', '/ws/a.yml');
  assert.equal(res.notices?.[0].code, 'model/hub-unavailable');
  assert.match(res.notices![0].message, /offline/);
});

test('path arithmetic', () => {
  assert.equal(resolvePath('/a/b', '../c/./d'), '/a/c/d');
  assert.equal(resolvePath('C:\\ws\\cfg', '..\\m'), 'C:\\ws\\m');
  assert.ok(isInside('/ws/a/b', '/ws'));
  assert.ok(!isInside('/wsx/a', '/ws'));
  assert.ok(!isInside('/etc/x', '/ws'));
});

test('a relative model path also resolves from a workspace folder, where the tools are run', async () => {
  const h = host({ '/ws/models/Llama-2-7b/config.json': JSON.stringify(TINY) });
  const res = await createModelResolver(h, resolveSettings({})).resolve('models/Llama-2-7b', '/ws/examples/train_lora/llama2_lora_sft.yaml');
  assert.equal(res.architecture?.source, 'local');
  assert.equal(res.architecture?.file, '/ws/models/Llama-2-7b/config.json');
  assert.deepEqual(h.reads.slice(0, 2), ['/ws/examples/train_lora/models/Llama-2-7b/config.json', '/ws/models/Llama-2-7b/config.json']);
});

test('a config.json beside the config describes a model no catalog knows, but never shadows the catalog', async () => {
  const h = host({ '/ws/run/config.json': JSON.stringify(TINY), '/ws/deepspeed/config.json': JSON.stringify({ zero_optimization: { stage: 3 } }) });
  const r = createModelResolver(h, resolveSettings({}));
  const res = await r.resolve('acme/private-7b', '/ws/run/train.yml');
  assert.equal(res.architecture?.source, 'local');
  assert.equal(res.architecture?.file, '/ws/run/config.json');
  assert.equal((await r.resolve('Qwen/Qwen2.5-0.5B', '/ws/run/train.yml')).architecture?.source, 'catalog');
  const notModel = await r.resolve('acme/private-7b', '/ws/deepspeed/train.yml');
  assert.equal(notModel.architecture, undefined);
  assert.match(notModel.reason!, /config.json beside the config \(not a model config\)/);
  // A path the config names is what it means: a config.json elsewhere does not stand in for it.
  assert.equal((await r.resolve('./missing', '/ws/run/train.yml')).architecture, undefined);
});

function catalogHost(files: Record<string, string>, options: Partial<Host> = {}) {
  const listed: string[] = [];
  return host(files, {
    async listJsonFiles(dir: string) {
      listed.push(dir);
      const prefix = `${dir}/`;
      const inside = Object.keys(files).filter((f) => f.startsWith(prefix));
      return inside.length ? inside.map((f) => f.slice(prefix.length)) : undefined;
    },
    ...options,
    listed,
  } as Partial<Host>) as Host & { reads: string[]; listed: string[] };
}

test('the user catalog: config.json files named by file or folder, and catalog files with aliases', async () => {
  const h = catalogHost({
    '/team/models/acme-7b.json': JSON.stringify(TINY),
    '/team/models/acme/secret-13b/config.json': JSON.stringify({ ...TINY, hidden_size: 128 }),
    '/team/models/more.json': JSON.stringify({ models: [{ id: 'acme/chat-3b', aliases: ['acme/chat-3b-v2'], config: { ...TINY, vocab_size: 200 } }] }),
    '/team/models/notes.json': JSON.stringify({ about: 'not a model' }),
  });
  const r = createModelResolver(h, resolveSettings({ modelCatalog: '/team/models' }));
  const byFile = await r.resolve('acme-7b', '/ws/a.yml');
  assert.equal(byFile.architecture?.source, 'user-catalog');
  assert.equal(byFile.architecture?.file, '/team/models/acme-7b.json');
  assert.equal((await r.resolve('ACME/Secret-13B', '/ws/a.yml')).architecture?.hiddenSize, 128);
  const alias = await r.resolve('acme/chat-3b-v2', '/ws/a.yml');
  assert.equal(alias.architecture?.id, 'acme/chat-3b');
  assert.equal(alias.architecture?.vocabSize, 200);
  const missing = await r.resolve('acme/other', '/ws/a.yml');
  assert.match(missing.reason!, /user catalog \/team\/models \(not listed; \/team\/models\/notes.json is neither a catalog file/);
  assert.deepEqual(h.listed, ['/team/models'], 'the folder is read once per resolver');
});

test('the user catalog comes before the bundled one, and a relative folder is relative to the workspace', async () => {
  const h = catalogHost({ '/ws/models/openai-community/gpt2/config.json': JSON.stringify(TINY) });
  const res = await createModelResolver(h, resolveSettings({ modelCatalog: 'models' })).resolve('openai-community/gpt2', '/ws/cfg/a.yml');
  assert.equal(res.architecture?.source, 'user-catalog');
  assert.equal(res.architecture?.className, 'LlamaForCausalLM');
});

test('a user catalog folder that cannot be read says so, and the bundled catalog still answers', async () => {
  const r = createModelResolver(catalogHost({}), resolveSettings({ modelCatalog: '/nowhere' }));
  assert.match((await r.resolve('acme/x', '/ws/a.yml')).reason!, /user catalog \/nowhere \(not listed; the folder \/nowhere cannot be read\)/);
  assert.equal((await r.resolve('gpt2', '/ws/a.yml')).architecture?.source, 'catalog');
  const noListing = createModelResolver(host({}), resolveSettings({ modelCatalog: '/team' }));
  assert.match((await noListing.resolve('acme/x', '/ws/a.yml')).reason!, /this front end cannot read folders/);
});

test('the hover names the source of the numbers, with the file for local and user-catalog models', async () => {
  const h = catalogHost({ '/team/models/acme-7b.json': JSON.stringify(TINY) });
  const r = createModelResolver(h, resolveSettings({ modelCatalog: '/team/models' }));
  const user = (await r.resolve('acme-7b', '/ws/a.yml')).architecture!;
  assert.match(architectureMarkdown(user), /\| source \| user catalog \/team\/models\/acme-7b\.json \|/);
  const bundled = (await r.resolve('gpt2', '/ws/a.yml')).architecture!;
  assert.match(architectureMarkdown(bundled), /\| source \| bundled catalog \|/);
  assert.equal(sourceText({ source: 'hub' }), 'Hugging Face Hub');
  assert.equal(sourceText({ source: 'local', file: '/ws/m/config.json' }), 'local config.json /ws/m/config.json');
});
