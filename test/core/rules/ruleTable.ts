/** Table tests for one rule family: config text → the family's issues as `code@line`, nothing else. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FormatId } from '../../../core/src/index';
import { check } from '../../../core/src/index';
import type { Rule } from '../../../core/src/rules/rule';
import { ctx, doc, summary } from '../../helpers/fixtures';

export type RuleCase = [title: string, text: string, expected: string[]];

/** The issues check() reports for a file as `code@line`, those whose code `keep` accepts; with `format`, the file must be detected as it. */
export async function issueLines(path: string, text: string, keep: (code: string) => boolean, format?: FormatId): Promise<string[]> {
  const d = doc(path, text);
  if (format) assert.equal(d.format, format, `fixture must be detected as ${format}`);
  return summary(text, (await check(d, ctx())).filter((i) => keep(i.code)));
}

export function ruleTable(family: string, rule: Rule, path: string, cases: RuleCase[]): void {
  for (const [title, text, expected] of cases) {
    test(`${family}: ${title}`, async () => {
      assert.deepEqual(await issueLines(path, text, (code) => code in rule.codes), expected);
    });
  }
}

/** Lines joined with newlines, so fixtures read top to bottom with their line numbers in mind. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
