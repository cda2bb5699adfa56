/**
 * The breakdown and rank pages as a reader sees them (issue 15, item 9): no markdown backticks or JSON
 * left raw, the GPU named as it is said, no "0.00 GiB" rows, verdicts in words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { breakdownOf, compareRanks } from '../../core/src/index';
import { breakdownHtml } from '../../client/src/views/breakdownHtml';
import { ranksHtml } from '../../client/src/views/ranksHtml';
import { ctx, doc } from '../helpers/fixtures';

const FILE = 'examples/axolotl/qlora-llama-3-8b.yml';

/** The page's text as shown: tags dropped, entities decoded. */
function shown(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

test('the breakdown page: code shown as code, settings objects in words, the GPU with its article, small terms in MiB', async () => {
  const c = ctx({ gpu: 'RTX-4090' });
  const b = await breakdownOf(doc(FILE, readFileSync(FILE, 'utf8'), { gpu: 'RTX-4090' }), c);
  assert.ok(b.memory?.assumptions.some((a) => a.includes('`')), 'the server sends markdown code spans');
  const html = breakdownHtml({ ...b, uri: 'file:///x', inputs: b.inputs.map(({ span: _s, field: _f, ...rest }) => rest) }, 'qlora-llama-3-8b.yml');
  const text = shown(html);
  assert.doesNotMatch(text, /`/, 'no raw backticks');
  assert.match(html, /<code>bf16: auto<\/code>/);
  assert.doesNotMatch(text, /[{[]"/, 'no raw JSON');
  assert.match(text, /quantization:\s+bits 4, type nf4/);
  assert.match(text, /on an RTX 4090 \(24\.0 GiB\)/);
  assert.doesNotMatch(text, /\ba RTX|RTX-4090/);
  assert.doesNotMatch(text, /0\.00 GiB/);
  assert.match(text, /cuBLAS workspaces\s+\d+ MiB/);
});

test('the rank table says each verdict in words, in a cell that wraps', async () => {
  const c = ctx({ gpu: 'T4' });
  const ranks = await compareRanks(doc(FILE, readFileSync(FILE, 'utf8'), { gpu: 'T4' }), c);
  const html = ranksHtml({ ...ranks, uri: 'file:///x' }, 'qlora-llama-3-8b.yml', 'T4');
  assert.match(html, /<td class="fit does-not-fit">does not fit<\/td>/);
  assert.doesNotMatch(shown(html), /does-not-fit/);
});
