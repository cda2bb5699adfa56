/** Generic quick fixes: "Remove `key`" for keys the tool ignores, refuses or replaces. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withGenericFixes } from '../../core/src/features/quickFixes';
import type { Issue, TextEdit } from '../../core/src/index';
import { doc } from '../helpers/fixtures';

function apply(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

function issueAt(text: string, word: string, code: string, nth = 0): Issue {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(word, start + 1);
  return { code, severity: 'warning', message: 'm', span: { start, end: start + word.length } };
}

interface Case {
  name: string;
  path: string;
  text: string;
  key: string;
  code: string;
  nth?: number;
  /** The text after applying "Remove"; undefined: no remove fix expected. */
  after?: string;
}

const CASES: Case[] = [
  { name: 'deprecated YAML key: its line goes', path: '/a/train.yml', text: 'base_model: m\nold_key: 2\nadapter: lora\n', key: 'old_key', code: 'schema/deprecated-key', after: 'base_model: m\nadapter: lora\n' },
  { name: 'conflicting rule code, nested YAML key', path: '/a/lora.yaml', text: 'model:\n  a: 1\n  use_dora: true\nseed: 1\n', key: 'use_dora', code: 'torchtune/dora-conflicts-with-quantize', after: 'model:\n  a: 1\nseed: 1\n' },
  { name: 'key inside a list item', path: '/a/train.yml', text: 'datasets:\n  - path: x\n    junk: 1\n', key: 'junk', code: 'schema/unknown-key', after: 'datasets:\n  - path: x\n' },
  { name: 'JSON property with its comma', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "old": 2, "r": 8}', key: 'old', code: 'schema/deprecated-key', after: '{"peft_type": "LORA", "r": 8}' },
  { name: 'JSON last property', path: '/a/adapter_config.json', text: '{"peft_type": "LORA", "old": 2}', key: 'old', code: 'peft/ignored-key', after: '{"peft_type": "LORA"}' },
  { name: 'not for duplicate keys: which one goes is the user\'s call', path: '/a/train.yml', text: 'lora_r: 8\nlora_r: 16\n', key: 'lora_r', code: 'syntax/duplicate-key' },
  { name: 'a wrong type is fixed by changing the value, not by removing the key', path: '/a/train.yml', text: 'lora_r: x\n', key: 'lora_r', code: 'schema/wrong-type' },
];

describe('quick fix: remove the key', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const d = doc(c.path, c.text, { formatAssociations: { '**/*': c.path.endsWith('.json') ? 'peft-adapter' : 'axolotl' } });
      const [issue] = withGenericFixes(d, [issueAt(c.text, c.key, c.code, c.nth)]);
      const remove = issue.fixes?.find((f) => f.title.startsWith('Remove'));
      if (c.after === undefined) return assert.equal(remove, undefined);
      assert.ok(remove, 'no remove fix');
      assert.equal(apply(c.text, remove.edits), c.after);
    });
  }

  test('a rule that offers its own removal keeps it alone', () => {
    const text = 'base_model: m\nold: 1\n';
    const own = { title: 'Remove `old` (replaced by new)', edits: [] };
    const [issue] = withGenericFixes(doc('/a/train.yml', text), [{ ...issueAt(text, 'old', 'x/deprecated-old'), fixes: [own] }]);
    assert.deepEqual(issue.fixes, [own]);
  });

  test('did-you-mean fixes stay first, removal comes after', () => {
    const text = 'base_model: m\nlora_rr: 1\n';
    const rename = { title: 'Change to `lora_r`', edits: [], preferred: true };
    const [issue] = withGenericFixes(doc('/a/train.yml', text), [{ ...issueAt(text, 'lora_rr', 'schema/unknown-key'), fixes: [rename] }]);
    assert.deepEqual(issue.fixes!.map((f) => f.title), ['Change to `lora_r`', 'Remove `lora_rr`']);
  });
});
