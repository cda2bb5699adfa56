/** Hostile and absurd configs through dist/cli.js: each answered in bounded time, with the numbers the tool would use. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { assertSaneEstimateJson } from '../helpers/saneNumbers';

const CLI = resolve('dist/cli.js');
const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100 };

function run(args: string[], cwd: string) {
  const env = { ...process.env };
  delete env.CI;
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('a local config.json with num_hidden_layers: 1e12 is reported by key, fast, by check and estimate', () => {
  const dir = workspace({ 'm/config.json': JSON.stringify({ ...TINY, num_hidden_layers: 1e12 }), 'train.yml': 'base_model: ./m\nadapter: lora\nlora_r: 8\n' });
  const est = run(['estimate', 'train.yml', '--json'], dir);
  assert.ok(est.ms < 10_000, `estimate took ${est.ms} ms`);
  assertSaneEstimateJson(est.stdout);
  const issue = JSON.parse(est.stdout).issues.find((i: { code: string }) => i.code === 'model/invalid-config');
  assert.match(issue?.message ?? '', /`num_hidden_layers` is not a whole number from 1 to 1,024/);
  const checked = run(['check', 'train.yml', '--format', 'json'], dir);
  assert.ok(checked.code === 0 || checked.code === 1, checked.stderr);
  assert.ok(checked.ms < 10_000, `check took ${checked.ms} ms`);
});

test('a 125 KB file of 4,000 anchors and aliases checks fast', () => {
  const defs = Array.from({ length: 4000 }, (_, i) => `  - &a${i} {n: ${i}}`).join('\n');
  const uses = Array.from({ length: 4000 }, (_, i) => `  - *a${i}`).join('\n');
  const dir = workspace({ 'anchors.yml': `base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 8\ndefs:\n${defs}\nuses:\n${uses}\n` });
  const r = run(['check', 'anchors.yml', '--format', 'json'], dir);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.ok(r.ms < 10_000, `check took ${r.ms} ms`);
});

test('estimate counts a quoted axolotl lora_r as the rank axolotl trains, and .inf is an error at the value', () => {
  const base = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_alpha: 16\nlora_target_linear: true\n';
  const dir = workspace({ 'quoted.yml': `${base}lora_r: "32"\n`, 'inf.yml': `${base}lora_r: .inf\n` });
  const quoted = run(['estimate', 'quoted.yml', '--json'], dir);
  assertSaneEstimateJson(quoted.stdout);
  assert.equal(JSON.parse(quoted.stdout).params.trainable, 22_544_384);
  const inf = JSON.parse(run(['check', 'inf.yml', '--format', 'json'], dir).stdout).files[0].issues;
  assert.ok(inf.some((i: { code: string; line: number }) => i.code === 'value/unrepresentable-number' && i.line === 5), JSON.stringify(inf));
  assertSaneEstimateJson(run(['estimate', 'inf.yml', '--json'], dir).stdout);
});
