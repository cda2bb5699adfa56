/**
 * Estimate coverage of the real configs (../shared/upstream-configs), offline, as `peft-lens estimate`
 * run from the repository root sees them: every config that names a model gets a memory figure,
 * except those in test/fixtures/upstream/unestimated.json, each with its code and reason. The test fails
 * both ways: a config that loses its estimate, and a listed config that now gets one (so the list stays
 * true and the count only goes up). After adding models or architectures, rewrite the list with
 *   node esbuild.mjs --tests && UPDATE_UNESTIMATED=1 node --test out/test/core/upstreamEstimates.test.js
 * which keeps the hand-written reason of an entry whose path and code are unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import type { EstimateResult } from '../../core/src/index';
import { createContext, estimate, openDocument } from '../../core/src/index';
import { createNodeHost } from '../../server/src/nodeHost';
import { configFiles } from '../helpers/corpus';
import { requireShared } from '../helpers/shared';

const CORPUS = requireShared('upstream-configs');
const LIST = 'test/fixtures/upstream/unestimated.json';

interface Unestimated {
  path: string;
  model: string;
  code: string;
  reason: string;
}

/** The issue that stopped the estimate: the first estimate/ or model/ warning or error. */
function blocker(result: EstimateResult): { code: string; message: string } {
  const issue = result.issues.find((i) => /^(estimate|model)\//.test(i.code) && (i.severity === 'warning' || i.severity === 'error'));
  return issue ?? { code: 'none', message: 'no memory figure and no issue saying why' };
}

/** The first sentence of a message, without the list of sources tried (which names local paths). */
function shortReason(message: string): string {
  return message.split(/(?<=[.;:])\s/)[0].replace(/[;:]$/, '');
}

test('upstream configs that name a model get a memory estimate, except the listed ones', async () => {
  const ctx = createContext({ host: createNodeHost({ trusted: true, workspaceFolders: [process.cwd()] }) });
  const found: Unestimated[] = [];
  let named = 0;
  for (const path of configFiles(CORPUS)) {
    const doc = openDocument(path, readFileSync(path, 'utf8'), ctx.settings);
    if (!doc.format) continue;
    const result = await estimate(doc, ctx);
    if (result.issues.some((i) => i.code === 'estimate/no-model')) continue;
    named++;
    if (result.memory) continue;
    const { code, message } = blocker(result);
    found.push({ path: relative(CORPUS, path), model: result.model?.id ?? String(result.plan?.model?.value ?? ''), code, reason: shortReason(message) });
  }
  const key = (u: Unestimated) => `${u.path} ${u.code}`;
  const listed = JSON.parse(readFileSync(LIST, 'utf8')) as { about: string; configs: Unestimated[] };
  if (process.env.UPDATE_UNESTIMATED) {
    const kept = new Map(listed.configs.map((u) => [key(u), u.reason]));
    const configs = found.map((u) => ({ ...u, reason: kept.get(key(u)) ?? u.reason }));
    writeFileSync(LIST, `${JSON.stringify({ ...listed, configs }, null, 1)}\n`);
    return;
  }
  const expected = new Set(listed.configs.map(key));
  const actual = new Set(found.map(key));
  const lost = found.filter((u) => !expected.has(key(u))).map((u) => `${key(u)}: ${u.reason}`);
  const gained = listed.configs.filter((u) => !actual.has(key(u))).map(key);
  assert.deepEqual(lost, [], 'these configs get no estimate (or now fail for another reason): fix it, or list them with UPDATE_UNESTIMATED=1');
  assert.deepEqual(gained, [], 'these listed configs now get an estimate: take them off the list (UPDATE_UNESTIMATED=1)');
  assert.ok(named > 500, `${named} configs name a model`);
  assert.ok(listed.configs.every((u) => u.reason.length > 0));
});
