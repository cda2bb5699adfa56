/**
 * dist/cli.js starts the CLI bundle with a V8 code cache (cli/src/launch.ts): the first run writes it,
 * later runs print exactly what a run without it prints, and NODE_DISABLE_COMPILE_CACHE turns it off.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve('dist/cli.js');

function run(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, 'check', 'examples', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, CI: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the code cache is written once, and a run with it prints what a run without it prints', () => {
  const cache = mkdtempSync(join(tmpdir(), 'peft-lens-cache-'));
  const plain = run({ XDG_CACHE_HOME: cache, NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(plain.code, 0, plain.stderr);
  // Node 22.1+ keeps its own cache (module.enableCompileCache) elsewhere.
  const node22 = 'enableCompileCache' in Module;
  assert.deepEqual(readdirSync(cache), [], 'NODE_DISABLE_COMPILE_CACHE writes nothing');
  const first = run({ XDG_CACHE_HOME: cache });
  if (!node22) assert.match(readdirSync(join(cache, 'peft-lens', 'compile')).join(','), /^cli-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/);
  const second = run({ XDG_CACHE_HOME: cache });
  assert.equal(first.stdout, plain.stdout);
  assert.equal(second.stdout, plain.stdout);
  assert.equal(second.stderr, '');
});
