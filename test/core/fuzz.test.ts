/**
 * Fuzzing through the core facade: mutated real configs (byte, token and structure edits) must never
 * make check, hoverAt, completeAt or estimate throw, and every span they return must lie inside the
 * document. Configs with an extreme number injected (infinity, overflow, negatives, fractions, quoted)
 * must give estimates whose every number is finite, whole where it counts, never negative.
 * Fixed seeds; FUZZ_CASES and FUZZ_EXTREME_CASES raise the counts (the defaults keep `npm test` quick).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from '../../core/src/index';
import { check, completeAt, createContext, estimate, hoverAt, openDocument } from '../../core/src/index';
import { realConfigs } from '../helpers/corpus';
import { EXTREME_NUMBERS, injectExtremeNumber, mutate, Random } from '../helpers/mutate';
import { assertSaneEstimate } from '../helpers/saneNumbers';

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

const EXTREME_CASES = Number(process.env.FUZZ_EXTREME_CASES ?? 200);

test(`${EXTREME_CASES} real configs with an extreme number injected: every estimate number finite, whole where it counts, never negative`, async () => {
  const samples = realConfigs();
  const rnd = new Random(0xe7e7);
  const ctx = createContext();
  let injected = 0;
  for (let n = 0; n < EXTREME_CASES; n++) {
    const sample = samples[rnd.int(samples.length)];
    const { text, key, value } = injectExtremeNumber(sample.text, rnd);
    if (key) injected++;
    const where = `case ${n} (${key ?? 'nothing'}: ${value?.slice(0, 12)} in ${sample.path})`;
    const doc = openDocument(sample.path, text, ctx.settings);
    await check(doc, ctx);
    assertSaneEstimate(await estimate(doc, ctx), where);
  }
  assert.ok(injected > EXTREME_CASES / 2, `only ${injected} cases had a number to replace`);
});

const TINY_MODEL = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, max_position_embeddings: 2048, head_dim: 16 };

test(`${EXTREME_CASES} local config.json files with an extreme number: the estimate stays finite or says why`, async () => {
  const rnd = new Random(0xc0f1);
  const keys = Object.keys(TINY_MODEL).filter((k) => k !== 'model_type');
  for (let n = 0; n < EXTREME_CASES; n++) {
    const key = rnd.pick(keys);
    const value = rnd.pick(EXTREME_NUMBERS.filter((v) => !/inf|nan/.test(v)));
    const config = JSON.stringify(TINY_MODEL).replace(new RegExp(`"${key}":\\d+`), `"${key}":${value}`);
    const ctx = createContext({ host: { trusted: true, workspaceFolders: ['/ws'], readFile: async (p) => (p === '/ws/m/config.json' ? config : undefined) } });
    const doc = openDocument('/ws/train.yml', `base_model: ./m\nadapter: lora\nlora_r: ${rnd.pick(['8', '16', '"32"'])}\nlora_target_linear: true\nmicro_batch_size: 2\nsequence_len: 1024\n`, ctx.settings);
    const result = await estimate(doc, ctx);
    assertSaneEstimate(result, `case ${n} (${key}: ${value.slice(0, 12)})`);
    if (!result.params) assert.ok(result.issues.some((i) => i.code === 'model/invalid-config' && i.message.includes(`\`${key}\``)), `case ${n}: ${JSON.stringify(result.issues)}`);
  }
});
