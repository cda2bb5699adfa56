import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve('dist/cli.js');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
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
  const dir = workspace({ 'a.yml': 'base_model: a/b\nadapter: lora\nlora_r: 8\nlora_r: 16\nlora_alpha: 16\nlearning_rate: 0.0002\nmicro_batch_size: 1\ngradient_accumulation_steps: 1\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n' });
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
