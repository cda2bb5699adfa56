/**
 * Table tests for the PEFT rule families: each case is an adapter_config.json text and the exact list of
 * issues (`code@line`) check() must report for it, schema issues included, in text order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Severity } from '../../../../core/src/index';
import { check } from '../../../../core/src/index';
import { ctx, doc, summary } from '../../../helpers/fixtures';

export interface Case {
  name: string;
  /** JSON text; keep one key per line so expected lines are easy to read. */
  text: string;
  expect: string[];
  /** Severity expected per code, for the codes whose severity the case pins down. */
  severities?: Record<string, Severity>;
}

/** One adapter_config.json from `"key": value` lines, one per line: line n+1 holds the n-th entry. */
export function config(...entries: string[]): string {
  return `{\n${entries.map((e) => `  ${e}`).join(',\n')}\n}\n`;
}

const NO_BASE_MODEL = 'peft/no-base-model';

export function table(family: string, cases: Case[]): void {
  for (const c of cases) {
    test(`${family}: ${c.name}`, async () => {
      const all = await check(doc('/w/adapter_config.json', c.text), ctx());
      // The fixtures leave out base_model_name_or_path for brevity; the hint that asks for it (and its
      // quick fixes) has its own table in baseModel.test.ts, so it is compared only where a case lists it.
      const issues = c.expect.some((e) => e.startsWith(`${NO_BASE_MODEL}@`)) ? all : all.filter((i) => i.code !== NO_BASE_MODEL);
      assert.deepEqual(summary(c.text, issues), c.expect, issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
      for (const [code, severity] of Object.entries(c.severities ?? {})) {
        const found = issues.filter((i) => i.code === code);
        assert.ok(found.length > 0, `no ${code}`);
        for (const i of found) assert.equal(i.severity, severity, `${code} severity`);
      }
    });
  }
}
