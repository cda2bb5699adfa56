/**
 * `check` on many files across threads prints what one thread prints, byte for byte, in every report
 * format and with the same exit code: the results go back in the walk's order whatever thread
 * finished first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve('dist/cli.js');

function run(args: string[]) {
  const env = { ...process.env };
  delete env.CI;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The examples several times over, some broken, with unrelated YAML between them. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-parallel-'));
  const formats = readdirSync('examples');
  for (let i = 0; i < 80; i++) {
    const format = formats[i % formats.length];
    const target = join(dir, String(i).padStart(2, '0'), format);
    mkdirSync(join(target, '..'), { recursive: true });
    cpSync(join('examples', format), target, { recursive: true });
    if (i % 3 === 0) writeFileSync(join(target, 'broken.yml'), `base_model: a/b\nadapter: lora\nlora_r: [${i}\nlearning_rate: x\n`);
    if (i % 5 === 0) writeFileSync(join(dir, String(i).padStart(2, '0'), 'ci.yml'), 'on: push\n');
  }
  return dir;
}

test('check across threads reports exactly what one thread reports', () => {
  const dir = corpus();
  for (const format of ['text', 'json', 'sarif']) {
    const serial = run(['check', dir, '--format', format, '--jobs', '1']);
    const parallel = run(['check', dir, '--format', format, '--jobs', '3']);
    assert.equal(serial.stderr, '');
    assert.equal(parallel.code, serial.code, parallel.stderr);
    assert.equal(parallel.stdout, serial.stdout, format);
  }
  assert.match(run(['check', dir, '--jobs', '1']).stdout, /^1\d\d config files checked: [1-9]\d* error/m);
});
