/**
 * What the CLI reads: nothing outside --root (the default under CI), symlinks judged by their real
 * path, no foreign value quoted, only regular files (FIFOs and /dev/zero never block), sizes
 * checked before reading.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { assertSaneEstimateJson } from '../helpers/saneNumbers';

const CLI = resolve('dist/cli.js');
const SECRET = 'SECRETVALUE1234';
const FOREIGN = JSON.stringify({ model_type: SECRET, hidden_size: 77777, note: SECRET });

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  delete base.CI;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

function dirs() {
  const top = mkdtempSync(join(tmpdir(), 'peft-lens-root-'));
  const ws = join(top, 'ws');
  const outside = join(top, 'outside');
  mkdirSync(ws);
  mkdirSync(join(outside, 'model'), { recursive: true });
  writeFileSync(join(outside, 'model', 'config.json'), FOREIGN);
  writeFileSync(join(outside, 'train.yml'), 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\n');
  return { ws, outside };
}

const config = (model: string) => `base_model: ${model}\nadapter: lora\nlora_r: 8\n`;

test('--root: a config outside it is refused, and under CI the current directory is the root', () => {
  const { ws, outside } = dirs();
  for (const [args, env] of [[['check', join(outside, 'train.yml'), '--root', ws], {}], [['check', join(outside, 'train.yml')], { CI: 'true' }]] as const) {
    const r = run([...args], ws, env);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /is outside --root/);
  }
  // Without CI and without --root the same read is allowed, as before.
  assert.notEqual(run(['check', join(outside, 'train.yml')], ws).code, 2);
});

test('--root: a base model outside it, by path or through a symlink inside, is not read and nothing of it is quoted', () => {
  const { ws, outside } = dirs();
  symlinkSync(join(outside, 'model'), join(ws, 'linked'));
  writeFileSync(join(ws, 'direct.yml'), config(join(outside, 'model')));
  writeFileSync(join(ws, 'linked.yml'), config('./linked'));
  for (const file of ['direct.yml', 'linked.yml']) {
    for (const command of [['check', file, '--format', 'json'], ['estimate', file, '--json']]) {
      const r = run(command, ws, { CI: '1' });
      assert.ok(r.code === 0 || r.code === 1, `${command.join(' ')}: ${r.stderr}`);
      assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes('77777'), `${command.join(' ')} quoted the foreign file: ${r.stdout}`);
      if (command[0] === 'estimate') {
        assertSaneEstimateJson(r.stdout);
        assert.equal(JSON.parse(r.stdout).params, undefined);
      }
    }
  }
  const direct = JSON.parse(run(['estimate', 'direct.yml', '--json'], ws, { CI: '1' }).stdout);
  assert.ok(direct.issues.some((i: { code: string; message: string }) => i.code === 'model/outside-workspace' && /--root/.test(i.message)), JSON.stringify(direct.issues));
});

test('a FIFO named config.yml, or as the base model config.json, does not block', { skip: process.platform === 'win32' }, () => {
  const { ws } = dirs();
  const mk = (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
  mk(join(ws, 'config.yml'));
  mkdirSync(join(ws, 'fifo-model'));
  mk(join(ws, 'fifo-model', 'config.json'));
  writeFileSync(join(ws, 'train.yml'), config('./fifo-model'));
  const explicit = run(['check', 'config.yml'], ws);
  assert.equal(explicit.timedOut, false);
  assert.equal(explicit.code, 2);
  assert.match(explicit.stderr, /not a regular file/);
  const walked = run(['check', '.', '--format', 'json'], ws);
  assert.equal(walked.timedOut, false);
  assert.ok(walked.code === 0 || walked.code === 1, walked.stderr);
  const est = run(['estimate', 'train.yml', '--json'], ws);
  assert.equal(est.timedOut, false);
  assertSaneEstimateJson(est.stdout);
});

test('a base model config.json linked to /dev/zero is not read', { skip: process.platform === 'win32' }, () => {
  const { ws } = dirs();
  mkdirSync(join(ws, 'zero'));
  symlinkSync('/dev/zero', join(ws, 'zero', 'config.json'));
  writeFileSync(join(ws, 'train.yml'), config('./zero'));
  const r = run(['estimate', 'train.yml', '--json'], ws);
  assert.equal(r.timedOut, false);
  assertSaneEstimateJson(r.stdout);
  assert.equal(JSON.parse(r.stdout).params, undefined);
});

test('a 600 MB JSON is reported too large from its size, without reading it whole', () => {
  const { ws } = dirs();
  const file = join(ws, 'adapter_config.json');
  // Real JSON text at the start (what detection reads), then a sparse tail: no disk, 600 MB by stat.
  writeFileSync(file, `{\n  "peft_type": "LORA",\n  "r": 8,\n  "pad": "${'x'.repeat(70_000)}"`);
  truncateSync(file, 600 * 1024 * 1024);
  const r = run(['check', file, '--format', 'json'], ws);
  assert.equal(r.code, 0, r.stderr);
  const issues = JSON.parse(r.stdout).files[0].issues;
  assert.deepEqual(issues.map((i: { code: string }) => i.code), ['file/too-large']);
  assert.match(issues[0].message, /600\.0 MB/);
});
