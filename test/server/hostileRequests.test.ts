/** Custom requests and default-size settings with absurd numbers: an error or a fallback, never Infinity. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompareRanksResponse } from '../../server/src/protocol';
import { COMPARE_RANKS_REQUEST, ESTIMATE_REQUEST, LARGEST_FIT_REQUEST } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const AXOLOTL = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_linear: true\n';
const PEFT = '{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "meta-llama/Llama-3.2-1B",\n  "r": 8,\n  "target_modules": ["q_proj", "v_proj"]\n}\n';

describe('absurd numbers in requests and settings', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true, settings: { defaultMicroBatchSize: 1e308, defaultSequenceLength: 1e308, gpuCount: 1e308 } });
  });
  after(async () => s.close());

  test('default sizes of 1e308 fall back to the defaults', async () => {
    const uri = s.open('/ws/defaults.json', PEFT);
    const r = (await s.connection.sendRequest(ESTIMATE_REQUEST, { uri })) as { memory?: { gpu?: { count: number }; assumptions: string[] } };
    assertSaneEstimate(r);
    const assumed = r.memory?.assumptions.join('\n') ?? '';
    assert.match(assumed, /micro-batch size 1\b/);
    assert.match(assumed, /sequence length 2048\b/);
    assert.equal(r.memory?.gpu?.count, 1);
  });

  for (const overrides of [{ microBatchSize: 1e308 }, { sequenceLength: 1e308 }, { gpus: 1e308 }, { rank: 1e308 }, { microBatchSize: -3 }, { sequenceLength: 0.5 }]) {
    test(`peftLens/estimate with ${JSON.stringify(overrides)} answers an error, not Infinity`, async () => {
      const uri = s.open('/ws/override.yml', AXOLOTL);
      const r = (await s.connection.sendRequest(ESTIMATE_REQUEST, { uri, overrides })) as { issues: { code: string }[]; params?: unknown; memory?: unknown };
      assert.ok(r.issues.some((i) => i.code === 'estimate/override-out-of-range'), JSON.stringify(r.issues));
      assert.ok(r.params && r.memory, 'the rest of the estimate still comes');
      assertSaneEstimate(r);
    });
  }

  test('compareRanks leaves out ranks beyond the limit and bounds its overrides', async () => {
    const uri = s.open('/ws/ranks.yml', AXOLOTL);
    const r = (await s.connection.sendRequest(COMPARE_RANKS_REQUEST, { uri, ranks: [1e308, 8, 2 ** 40], overrides: { sequenceLength: 1e308 } })) as CompareRanksResponse;
    assert.equal(r.available, true, r.reason);
    assert.ok(r.rows.some((row) => row.r === 8), JSON.stringify(r.rows));
    assert.ok(r.rows.every((row) => row.r <= 65_536), JSON.stringify(r.rows.map((row) => row.r)));
    assertSaneEstimate(r.rows);
  });

  test('largestFit with a 1e308 override still answers finite numbers', async () => {
    const uri = s.open('/ws/fit.yml', AXOLOTL);
    const r = await s.connection.sendRequest(LARGEST_FIT_REQUEST, { uri, overrides: { microBatchSize: 1e308 } });
    assertSaneEstimate(r);
  });
});
