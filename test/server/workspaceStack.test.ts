/** The Node host lists and reads a workspace's dependency files, and the core uses them only when trusted. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, createContext, openDocument } from '../../core/src/index';
import { createNodeHost } from '../../server/src/nodeHost';

const ws = mkdtempSync(join(tmpdir(), 'peft-lens-ws-'));
mkdirSync(join(ws, 'configs'));
writeFileSync(join(ws, 'requirements-train.txt'), 'llamafactory==0.9.6\ntransformers==5.17.0\n');
const path = join(ws, 'configs', 'sft.yaml');
const text = 'model_name_or_path: Qwen/Qwen3-4B\nstage: sft\ndo_train: true\ntemplate: qwen3\ndataset: alpaca_en_demo\nbf16: true\nwarmup_ratio: 0.1\n';
writeFileSync(path, text);

async function versionIssues(trusted: boolean) {
  const context = createContext({ host: createNodeHost({ trusted, workspaceFolders: [ws] }) });
  const issues = await check(openDocument(path, text, context.settings), context);
  return issues.filter((i) => i.code.startsWith('versions/'));
}

test('a trusted workspace pins transformers 5.17 in requirements-train.txt: warmup_ratio is gone there', async () => {
  const issues = await versionIssues(true);
  assert.deepEqual(issues.map((i) => `${i.code}:${i.severity}`), ['versions/outside-pins:warning', 'versions/removed-key:error']);
  assert.match(issues[1].message, /transformers 5\.17\.0 \(pinned in requirements-train\.txt\)/);
});

test('an untrusted workspace is checked against the reference stack', async () => {
  assert.deepEqual((await versionIssues(false)).map((i) => `${i.code}:${i.severity}`), ['versions/deprecated-key:warning']);
});
