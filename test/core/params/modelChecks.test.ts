/** Model-aware diagnostics through `check`: PEFT's refusals as errors at the key responsible. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { allIssueCodes, check, createContext, estimate, openDocument } from '../../../core/src/index';
import { summary } from '../../helpers/fixtures';
import { assertSaneEstimate } from '../../helpers/saneNumbers';

const ctx = createContext();

async function issues(path: string, text: string, c = ctx) {
  const found = await check(openDocument(path, text, c.settings), c);
  return summary(text, found.filter((i) => i.code.startsWith('model/')));
}

function adapter(fields: Record<string, unknown>): string {
  return JSON.stringify({ base_model_name_or_path: 'Qwen/Qwen2.5-0.5B', peft_type: 'LORA', r: 8, ...fields }, null, 2);
}

test('targets that match nothing: error on target_modules', async () => {
  assert.deepEqual(await issues('/w/adapter_config.json', adapter({ target_modules: ['query', 'value'] })), ['model/target-not-found@5']);
});

test('no default targets for the architecture: error on peft_type when target_modules is absent', async () => {
  const text = JSON.stringify({ base_model_name_or_path: 'microsoft/Phi-3-mini-4k-instruct', peft_type: 'LORA' }, null, 2);
  assert.deepEqual(await issues('/w/adapter_config.json', text), ['model/no-default-targets@3']);
});

test('layer indices beyond the model: warning when some remain, error when none do', async () => {
  assert.deepEqual(await issues('/w/adapter_config.json', adapter({ target_modules: ['q_proj'], layers_to_transform: [0, 30] })), ['model/layers-out-of-range@8']);
  assert.deepEqual(await issues('/w/adapter_config.json', adapter({ target_modules: ['q_proj'], layers_to_transform: [30] })), ['model/target-not-found@5']);
});

test('a method that cannot adapt the layer type: LoHa on GPT-2 Conv1D', async () => {
  const text = JSON.stringify({ base_model_name_or_path: 'gpt2', peft_type: 'LOHA', target_modules: ['c_attn'] }, null, 2);
  assert.deepEqual(await issues('/w/adapter_config.json', text), ['model/unsupported-layer@4']);
});

test('combinations PEFT accepts give no model issues', async () => {
  assert.deepEqual(await issues('/w/adapter_config.json', adapter({ target_modules: 'all-linear', task_type: 'CAUSAL_LM' })), []);
  assert.deepEqual(await issues('/w/adapter_config.json', adapter({})), []);
});

test('an unknown model is one information issue on the model value, and explained by estimate', async () => {
  const text = adapter({ base_model_name_or_path: 'acme/private-13b', target_modules: ['nothing'] });
  assert.deepEqual(await issues('/w/adapter_config.json', text), ['model/unresolved@2']);
  const [info] = (await check(openDocument('/w/adapter_config.json', text, ctx.settings), ctx)).filter((i) => i.code === 'model/unresolved');
  assert.equal(info.severity, 'info');
  assert.equal(text.slice(info.span.start, info.span.end), 'acme/private-13b');
  assert.match(info.message, /no config\.json for acme\/private-13b.*peftLens\.modelLookups.*Tried: .*bundled catalog \(not listed\)/);
  // YAML formats report it the same way, on the model value.
  const yaml = 'base_model: acme/private-13b\nadapter: lora\nlora_r: 8\nlora_alpha: 16\n';
  assert.deepEqual(await issues('/w/train.yml', yaml), ['model/unresolved@1']);
  const result = await estimate(openDocument('/w/adapter_config.json', text, ctx.settings), ctx);
  assertSaneEstimate(result);
  const unknown = result.issues.find((i) => i.code === 'estimate/unknown-model')!;
  assert.match(unknown.message, /bundled catalog \(not listed\)/);
  assert.equal(result.params, undefined);
});

test('untrusted workspace: a model path outside it is an informational issue on the model key, not a read', async () => {
  const reads: string[] = [];
  const host: Host = { trusted: false, workspaceFolders: ['/w'], readFile: async (p) => (reads.push(p), undefined) };
  const untrusted = createContext({ host });
  const text = adapter({ base_model_name_or_path: '../../etc/model', target_modules: ['q_proj'] });
  assert.deepEqual(await issues('/w/cfg/adapter_config.json', text, untrusted), ['model/outside-workspace@2']);
  assert.deepEqual(reads, []);
});

test('a key the format rules already flag as an error is not flagged again by the model check', async () => {
  const text = adapter({ target_modules: [] });
  const found = await check(openDocument('/w/adapter_config.json', text, ctx.settings), ctx);
  const codes = found.map((i) => i.code);
  assert.ok(codes.includes('peft/no-targets'), codes.join(' '));
  assert.ok(!codes.includes('model/no-targets'), codes.join(' '));
});

test('every model code is registered with a summary', () => {
  const codes = allIssueCodes();
  for (const code of ['model/target-not-found', 'model/unsupported-layer', 'model/no-default-targets', 'model/outside-workspace', 'model/unresolved', 'estimate/unknown-model']) assert.ok(codes[code], code);
});
