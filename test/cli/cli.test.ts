import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { assertSaneEstimateJson } from '../helpers/saneNumbers';

const CLI = resolve('dist/cli.js');

/** Runs without CI set: under CI the CLI reads nothing outside the current directory (test/cli/boundary.test.ts). */
function run(args: string[], cwd = process.cwd()) {
  const env = { ...process.env };
  delete env.CI;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('--version and --help', () => {
  assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /peft-lens check/);
});

test('unrelated YAML and JSON in a directory are reported as nothing', () => {
  const dir = workspace({
    '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: [{run: ls}]\n',
    'package.json': '{"name": "x", "version": "1.0.0"}',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
  });
  const r = run(['check', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { files: [] });
});

test('--format json follows the contract, with 1-based positions and exit 1 on errors', () => {
  const dir = workspace({ 'train.yml': 'base_model: a/b\nadapter: lora\nlora_r: [8\nmicro_batch_size: 2\n' });
  const r = run(['check', dir, '--format', 'json']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { files: { path: string; format: string; issues: Record<string, unknown>[] }[] };
  assert.equal(out.files.length, 1);
  assert.equal(out.files[0].format, 'axolotl');
  const syntax = out.files[0].issues.find((i) => i.code === 'syntax/invalid-yaml')!;
  assert.deepEqual(Object.keys(syntax).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
  assert.equal(syntax.line, 4);
  assert.equal(syntax.column, 1);
  assert.equal(syntax.severity, 'error');
});

test('--ignore drops a code or a family; warnings alone exit 0', () => {
  const dir = workspace({ 'a.yml': 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\nlora_r: 16\nlora_alpha: 16\nlearning_rate: 0.0002\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n' });
  const warned = run(['check', join(dir, 'a.yml'), '--format', 'json']);
  assert.equal(warned.code, 0);
  assert.equal(JSON.parse(warned.stdout).files[0].issues[0].code, 'syntax/duplicate-key');
  for (const pattern of ['syntax/duplicate-key', 'syntax/*']) {
    assert.deepEqual(JSON.parse(run(['check', dir, '--format', 'json', '--ignore', pattern]).stdout).files[0].issues, []);
  }
});

test('SARIF output carries rules, levels and regions', () => {
  const dir = workspace({ 'adapter_config.json': '{\n  "peft_type": "LORA",,\n  "r": 8\n}\n' });
  const r = run(['check', dir, '--format', 'sarif']);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'peft-lens');
  assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id), ['syntax/invalid-json']);
  const result = run0.results[0];
  assert.equal(result.level, 'error');
  assert.equal(result.ruleId, 'syntax/invalid-json');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 23, endLine: 2, endColumn: 24 });
});

test('usage and I/O problems exit 2 with a message on stderr', () => {
  for (const args of [['check'], ['check', '/no/such/path'], ['frobnicate'], ['check', '.', '--format', 'xml'], ['estimate']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^peft-lens: /);
  }
});

test('estimate reports format, model and method, or a clear error', () => {
  const dir = workspace({ 'train.yml': 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\n', 'other.yml': 'services: {}\n' });
  const r = run(['estimate', join(dir, 'train.yml'), '--json']);
  assertSaneEstimateJson(r.stdout);
  const out = JSON.parse(r.stdout);
  assert.equal(out.format, 'axolotl');
  assert.equal(out.model.id, 'meta-llama/Llama-3.2-1B');
  assert.equal(out.method, 'lora');
  const bad = run(['estimate', join(dir, 'other.yml'), '--json']);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.stdout).issues[0].code, 'estimate/not-a-config');
});

test('estimate --loop plain|trainer works for every format and the assumptions name the loop', () => {
  const examples = ['examples/axolotl/qlora-llama-3-8b.yml', 'examples/llamafactory/qwen2.5-7b-lora-sft.yaml', 'examples/torchtune/llama3_2_1b_lora.yaml', 'examples/trl/sft-qwen2.5-0.5b-lora.yaml', 'examples/peft/lora-llama-2-7b/adapter_config.json'];
  for (const file of examples) {
    const peak: Record<string, number> = {};
    for (const loop of ['plain', 'trainer']) {
      const r = run(['estimate', file, '--json', '--loop', loop]);
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      const memory = JSON.parse(r.stdout).memory;
      const named = loop === 'plain' ? 'a plain training loop' : 'the loop frees the model output';
      assert.ok(memory.assumptions.some((a: string) => a.startsWith(named) && a.endsWith('(set by --loop)')), `${file} --loop ${loop}`);
      peak[loop] = memory.peak_allocated_bytes;
    }
    // The plain loop holds whatever logits the model returns; it never holds less.
    assert.ok(peak.plain >= peak.trainer, file);
  }
  assert.equal(run(['estimate', examples[0], '--loop', 'sometimes']).code, 2);
});

const TINY_CONFIG = JSON.stringify({ model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100, tie_word_embeddings: false });
const TINY_TOTAL = 100 * 64 * 2 + 64 + 2 * (4 * 64 * 64 + 3 * 64 * 128 + 2 * 64);

test('estimate: an unknown model says what to do, and --catalog DIR (config.json named by folder) fixes it', () => {
  const dir = workspace({ 'train.yml': 'base_model: acme/secret-7b\nadapter: lora\nlora_r: 8\nlora_target_modules: [q_proj, v_proj]\n', 'team-models/acme/secret-7b/config.json': TINY_CONFIG });
  const unknown = JSON.parse(run(['estimate', join(dir, 'train.yml'), '--json'], dir).stdout);
  const issue = unknown.issues.find((i: { code: string }) => i.code === 'estimate/unknown-model');
  assert.match(issue.message, /^Unknown model acme\/secret-7b: peft-lens needs its config\.json/);
  for (const option of ['--model PATH', 'peftLens.modelCatalog', '--catalog DIR', 'peftLens.modelLookups', '--model-lookups']) assert.ok(issue.message.includes(option), option);
  const known = JSON.parse(run(['estimate', join(dir, 'train.yml'), '--json', '--catalog', 'team-models'], dir).stdout);
  assert.equal(known.model.source, 'user-catalog');
  assert.equal(known.model.file, join(dir, 'team-models/acme/secret-7b/config.json'));
  assert.equal(known.params.total - known.params.trainable, TINY_TOTAL);
  assert.ok(known.memory.peak_allocated_bytes > 0);
  const text = run(['estimate', join(dir, 'train.yml'), '--catalog', join(dir, 'team-models')], dir).stdout;
  assert.match(text, /model: +acme\/secret-7b \(LlamaForCausalLM, user catalog .*secret-7b\/config\.json\)/);
});

test('estimate: a config.json beside the config is used for a model no catalog knows', () => {
  const dir = workspace({ 'run/train.yml': 'base_model: acme/secret-7b\nadapter: lora\nlora_r: 8\n', 'run/config.json': TINY_CONFIG });
  const out = JSON.parse(run(['estimate', join(dir, 'run/train.yml'), '--json'], dir).stdout);
  assert.equal(out.model.source, 'local');
  assert.equal(out.model.file, join(dir, 'run/config.json'));
  assert.equal(out.params.total - out.params.trainable, TINY_TOTAL);
});

test('integer flags beyond their limits are usage errors, not Infinity', () => {
  const dir = workspace({ 'train.yml': 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\n' });
  const huge = '9'.repeat(400);
  for (const [flag, value] of [['--batch', huge], ['--seq', huge], ['--gpus', huge], ['--batch', '65537'], ['--seq', '16777217'], ['--gpus', '0']]) {
    const r = run(['estimate', join(dir, 'train.yml'), '--json', flag, value]);
    assert.equal(r.code, 2, `${flag} ${value.slice(0, 10)}`);
    assert.match(r.stderr, new RegExp(`^peft-lens: ${flag} needs a whole number from 1 to \\d+`));
    assert.ok(r.stderr.length < 300, 'a 400-digit value is not echoed whole');
  }
  const ok = run(['estimate', join(dir, 'train.yml'), '--json', '--batch', '65536', '--seq', '4096', '--gpus', '8']);
  assertSaneEstimateJson(ok.stdout);
});
