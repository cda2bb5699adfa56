/**
 * Fuzzing through the core facade: mutated real configs (byte, token and structure edits) must never
 * make check, hoverAt, completeAt or estimate throw, and every span they return must lie inside the
 * document. Fixed seed; FUZZ_CASES raises the count (the default keeps `npm test` quick).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from '../../core/src/index';
import { check, completeAt, createContext, estimate, hoverAt, openDocument } from '../../core/src/index';
import { realConfigs } from '../helpers/corpus';
import { mutate, Random } from '../helpers/mutate';

const CASES = Number(process.env.FUZZ_CASES ?? 2_000);

test(`${CASES} mutated real configs through the core facade: no exception, every span inside the text`, async () => {
  const samples = realConfigs();
  const rnd = new Random(0x5eed);
  const ctx = createContext();
  const kinds = { byte: 0, token: 0, structure: 0 };
  for (let n = 0; n < CASES; n++) {
    const sample = samples[rnd.int(samples.length)];
    const { text, kind } = mutate(sample.text, rnd);
    kinds[kind]++;
    const where = `case ${n} (${kind} edits of ${sample.path})`;
    const inside = (span: Span, what: string) =>
      assert.ok(span.start >= 0 && span.end >= span.start && span.end <= text.length, `${where}: ${what} span ${JSON.stringify(span)} outside 0..${text.length}`);
    try {
      const doc = openDocument(sample.path, text, ctx.settings);
      for (const issue of await check(doc, ctx)) {
        inside(issue.span, issue.code);
        for (const fix of issue.fixes ?? []) for (const e of fix.edits) inside(e.span, `fix of ${issue.code}`);
      }
      const offset = rnd.int(text.length + 1);
      const hover = await hoverAt(doc, offset, ctx);
      if (hover) inside(hover.span, 'hover');
      for (const c of await completeAt(doc, rnd.int(text.length + 1), ctx)) inside(c.span, `completion ${c.label}`);
      if (n % 10 === 0) await estimate(doc, ctx);
    } catch (err) {
      assert.fail(`${where} threw: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  assert.ok(kinds.byte > 0 && kinds.token > 0 && kinds.structure > 0);
});
