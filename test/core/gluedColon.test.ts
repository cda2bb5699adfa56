/** `lora_r:32`: a key without a space after its colon is reported as that, once, with the space as its fix. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from '../../core/src/index';
import { applyFix, ctx, doc, summary } from '../helpers/fixtures';

const BASE = 'base_model: NousResearch/Meta-Llama-3-8B\nadapter: lora\n';

interface Case {
  name: string;
  text: string;
  /** code@line of the syntax issues. */
  want: string[];
  /** The text after the fix. */
  fixed?: string;
}

const CASES: Case[] = [
  { name: 'last line', text: `${BASE}lora_r:32\n`, want: ['syntax/missing-space-after-colon@3'], fixed: `${BASE}lora_r: 32\n` },
  { name: 'a following line joins the scalar (the parser says "on a single line")', text: `${BASE}lora_r:32\nlora_alpha: 16\n`, want: ['syntax/missing-space-after-colon@3'], fixed: `${BASE}lora_r: 32\nlora_alpha: 16\n` },
  { name: 'nested key with a comment', text: `${BASE}datasets:\n  - path: x\n    type:alpaca # the format\n`, want: ['syntax/missing-space-after-colon@5'], fixed: `${BASE}datasets:\n  - path: x\n    type: alpaca # the format\n` },
  { name: 'a URL value is not a glued key', text: `${BASE}hub_model_id: https://hf.co/x\n`, want: [] },
  { name: 'another syntax error keeps the parser\'s words', text: `${BASE}lora_r: [1, 2\n`, want: ['syntax/invalid-yaml@3'] },
];

describe('glued colons', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const issues = await check(doc('/a/train.yml', c.text), ctx());
      assert.deepEqual(summary(c.text, issues.filter((i) => i.code.startsWith('syntax/'))), c.want);
      assert.ok(!issues.some((i) => i.code === 'schema/unknown-key' && /:\S/.test(c.text.slice(i.span.start, i.span.end))), 'not also an unknown key');
      if (!c.fixed) return;
      const glued = issues.find((i) => i.code === 'syntax/missing-space-after-colon')!;
      assert.match(glued.message, /add a space after the colon/);
      assert.equal(glued.fixes?.[0].preferred, true);
      assert.equal(applyFix(c.text, glued.fixes![0]), c.fixed);
    });
  }
});
