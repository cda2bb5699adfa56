/** Table tests for one rule family: config text → the family's issues as `code@line`, nothing else. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../../core/src/index';
import type { Rule } from '../../../core/src/rules/rule';
import { ctx, doc, summary } from '../../helpers/fixtures';

export type RuleCase = [title: string, text: string, expected: string[]];

export function ruleTable(family: string, rule: Rule, path: string, cases: RuleCase[]): void {
  const codes = new Set(Object.keys(rule.codes));
  for (const [title, text, expected] of cases) {
    test(`${family}: ${title}`, async () => {
      const d = doc(path, text);
      const issues = (await check(d, ctx())).filter((i) => codes.has(i.code));
      assert.deepEqual(summary(text, issues), expected);
    });
  }
}

/** Lines joined with newlines, so fixtures read top to bottom with their line numbers in mind. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
