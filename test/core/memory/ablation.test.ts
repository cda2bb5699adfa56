/**
 * Ablation: every mechanism of the memory model (core/src/estimate/memory/mechanisms.ts), removed on its
 * own, must make at least one memory test fail. A mechanism whose removal no test notices is a number
 * nobody checks. Each removal runs the other memory test files in a fresh process with the mechanism
 * zeroed through the estimator's test seam, and reads which tests failed from their TAP output.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MECHANISMS } from '../../../core/src/estimate/memory/mechanisms';
import type { Mechanism } from '../../../core/src/estimate/memory/mechanisms';

const HERE = __dirname;
const FILES = readdirSync(HERE)
  .filter((f) => f.endsWith('.test.js') && f !== 'ablation.test.js')
  .map((f) => join(HERE, f));

/** Requires every memory test file in one process (node:test then runs them and prints TAP). */
const RUNNER = `globalThis.__peftLensRemovedMechanism = process.env.PEFT_LENS_REMOVED_MECHANISM || undefined;
for (const file of JSON.parse(process.env.PEFT_LENS_ABLATION_FILES)) require(file);`;

function failingTests(removed: Mechanism | ''): Promise<{ code: number | null; failed: string[] }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', RUNNER], {
      env: { ...process.env, PEFT_LENS_REMOVED_MECHANISM: removed, PEFT_LENS_ABLATION_FILES: JSON.stringify(FILES), NODE_TEST_CONTEXT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', () => {});
    child.on('error', fail);
    child.on('close', (code) => done({ code, failed: [...out.matchAll(/^not ok \d+ - (.+)$/gm)].map((m) => m[1]) }));
  });
}

/** Runs `work` over `items`, two at a time (the machines this runs on have two cores). */
async function twoAtATime<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

test('every memory mechanism, removed on its own, fails at least one memory test', async (t) => {
  assert.ok(FILES.length >= 5, `memory test files found next to this one: ${FILES.join(', ')}`);
  const baseline = await failingTests('');
  assert.deepEqual(baseline.failed, [], 'the memory tests pass with nothing removed');
  assert.equal(baseline.code, 0);
  const mechanisms = Object.keys(MECHANISMS) as Mechanism[];
  const results = await twoAtATime(mechanisms, failingTests);
  const table = mechanisms.map((m, i) => `${m.padEnd(36)} ${results[i].failed.length ? `caught by ${results[i].failed.length}: ${results[i].failed[0]}` : 'NOT CAUGHT'}`);
  t.diagnostic(`mechanism → the first test that fails without it\n${table.join('\n')}`);
  const uncaught = mechanisms.filter((_, i) => results[i].failed.length === 0);
  assert.deepEqual(uncaught, [], `removing these changes no memory test's verdict:\n${table.join('\n')}`);
});
