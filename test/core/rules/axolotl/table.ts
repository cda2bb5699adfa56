/**
 * Table tests for axolotl rule families: each case is config text and the `code@line` issues the
 * family must report for it (only that family's codes are compared, so other checks cannot interfere).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../../../core/src/index';
import { check } from '../../../../core/src/index';
import type { Rule } from '../../../../core/src/rules/rule';
import { applyFix, ctx, doc } from '../../../helpers/fixtures';
import { issueLines } from '../ruleTable';

/** A complete, valid config; case text is appended after it and case lines count from the first appended line. */
export const BASE = [
  'base_model: NousResearch/Llama-3.2-1B',
  'datasets:',
  '  - path: tatsu-lab/alpaca',
  '    type: alpaca',
  'learning_rate: 0.0002',
  'micro_batch_size: 2',
  'gradient_accumulation_steps: 4',
  '',
].join('\n');

const BASE_LINES = BASE.split('\n').length - 1;

export interface Case {
  name: string;
  text: string;
  expect: string[];
  /** The text is the whole file (no BASE in front); lines count from the top. */
  whole?: boolean;
}

const PATH = '/p/train.yml';

export async function issuesFor(text: string, path = PATH): Promise<Issue[]> {
  const d = doc(path, text);
  assert.equal(d.format, 'axolotl', 'fixture must be detected as axolotl');
  return check(d, ctx());
}

export function runTable(family: string, rule: Rule, cases: Case[]): void {
  for (const c of cases) {
    test(`${family}: ${c.name}`, async () => {
      const text = c.whole ? c.text : BASE + c.text;
      const offset = c.whole ? 0 : BASE_LINES;
      const got = (await issueLines(PATH, text, (code) => code in rule.codes, 'axolotl')).map((s) => s.replace(/@(\d+)$/, (_, n) => `@${Number(n) - offset}`));
      assert.deepEqual(got, c.expect);
    });
  }
}

/** Runs the text, finds an issue with `code` offering the fix titled `title` (or the first issue's first fix), applies it and returns the new text. */
export async function fixed(text: string, code: string, title?: string): Promise<string> {
  const issues = (await issuesFor(text)).filter((i) => i.code === code);
  assert.ok(issues.length, `no ${code} issue`);
  const fix = title ? issues.flatMap((i) => i.fixes ?? []).find((f) => f.title === title) : issues[0].fixes?.[0];
  assert.ok(fix, `no fix ${title ?? ''} on ${code}: ${issues.flatMap((i) => i.fixes ?? []).map((f) => f.title).join(', ')}`);
  return applyFix(text, fix);
}
