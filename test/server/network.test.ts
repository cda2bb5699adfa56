/**
 * Nothing reaches the network unless the user enabled model look-ups: the server and the CLI run
 * with a preload that records any socket, DNS or HTTP attempt, on configs naming Hub models that are
 * not in the bundled catalog, and the record must stay empty.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { startSession } from '../helpers/lsp';

const GUARD = resolve('test/helpers/netguard.cjs');
const UNKNOWN_MODEL = 'base_model: some-org/not-in-any-catalog-7b\nadapter: lora\nlora_r: 8\nlora_target_linear: true\n';

function guardedEnv(log: string): NodeJS.ProcessEnv {
  return { NODE_OPTIONS: `--require ${GUARD}`, NETGUARD_LOG: log };
}

function attempts(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

test('the language server opens no socket with look-ups disabled', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-net-'));
  const log = join(dir, 'attempts.log');
  const s = await startSession({ env: guardedEnv(log) });
  try {
    for (const [name, text] of [
      ['/net/train.yml', UNKNOWN_MODEL],
      ['/net/adapter_config.json', '{"peft_type": "LORA", "base_model_name_or_path": "some-org/unknown-13b", "r": 8}'],
      ['/net/sft.yaml', 'model_name_or_path: some-org/unknown\nuse_peft: true\ndataset_name: x/y\n'],
    ]) {
      const uri = s.open(name, text);
      await s.waitForDiagnostics((p) => p.uri === uri);
      await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      await s.connection.sendRequest('peftLens/estimate', { uri });
    }
  } finally {
    await s.close();
  }
  assert.deepEqual(attempts(log), []);
});

test('the CLI opens no socket with look-ups disabled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-net-'));
  const log = join(dir, 'attempts.log');
  writeFileSync(join(dir, 'train.yml'), UNKNOWN_MODEL);
  const env = { ...process.env, ...guardedEnv(log) };
  for (const args of [['check', dir], ['estimate', join(dir, 'train.yml'), '--json']]) {
    const r = spawnSync(process.execPath, [resolve('dist/cli.js'), ...args], { cwd: dir, env, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `${args[0]} exited ${r.status}: ${r.stderr}`);
  }
  assert.deepEqual(attempts(log), []);
});

test('the guard itself sees an attempt (so an empty record means something)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'peft-lens-net-'));
  const log = join(dir, 'attempts.log');
  spawnSync(process.execPath, ['-e', "require('node:https').get('https://huggingface.co/x')"], { env: { ...process.env, ...guardedEnv(log) } });
  assert.equal(attempts(log).length, 1);
});
