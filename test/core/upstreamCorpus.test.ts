/**
 * The real configs of the upstream repositories (../shared/upstream-configs): each is recognised as
 * its tool's format and none gets an error, except the ones listed, with the reason, in
 * test/fixtures/upstream/<format>.exceptions.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { FormatId } from '../../core/src/index';
import { check } from '../../core/src/index';
import { configFiles } from '../helpers/corpus';
import { ctx, doc } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';

const CORPUS = requireShared('upstream-configs');
const FOLDERS: Record<string, FormatId> = {
  peft: 'peft-adapter',
  axolotl: 'axolotl',
  llamafactory: 'llamafactory',
  torchtune: 'torchtune',
  trl: 'trl',
  'trl-alignment-handbook': 'trl',
};

interface Exceptions {
  /** Files in the folder that are not configs of this tool (e.g. accelerate or DeepSpeed configs). */
  notConfigs?: Record<string, string>;
  /** Configs the upstream tool itself would refuse at that commit: path → the reason and the codes expected. */
  invalid?: Record<string, { reason: string; codes: string[] }>;
}

function exceptionsFor(format: FormatId): Exceptions {
  try {
    return JSON.parse(readFileSync(`test/fixtures/upstream/${format}.exceptions.json`, 'utf8')) as Exceptions;
  } catch {
    return {};
  }
}

for (const [folder, format] of Object.entries(FOLDERS)) {
  test(`upstream ${folder} configs: recognised as ${format}, no errors`, async () => {
    const root = join(CORPUS, folder);
    const exceptions = exceptionsFor(format);
    const wrong: string[] = [];
    for (const path of configFiles(root)) {
      const rel = relative(CORPUS, path);
      const d = doc(path, readFileSync(path, 'utf8'));
      const notConfig = exceptions.notConfigs?.[rel];
      if (notConfig !== undefined) {
        if (d.format !== null) wrong.push(`${rel}: listed as not a config (${notConfig}) but detected as ${d.format}`);
        continue;
      }
      if (d.format !== format) {
        wrong.push(`${rel}: detected as ${d.format}`);
        continue;
      }
      const errors = (await check(d, ctx())).filter((i) => i.severity === 'error');
      const expected = exceptions.invalid?.[rel];
      const codes = [...new Set(errors.map((e) => e.code))].sort();
      if (expected) {
        if (JSON.stringify(codes) !== JSON.stringify([...expected.codes].sort())) wrong.push(`${rel}: expected ${expected.codes.join(', ')} (${expected.reason}), got ${codes.join(', ') || 'none'}`);
      } else if (errors.length) {
        wrong.push(`${rel}: ${errors.map((e) => `${e.code}: ${e.message}`).join(' | ')}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
}
