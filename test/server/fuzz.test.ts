/**
 * Fuzzing through the running server: mutated real configs opened and edited, with hover,
 * completion, code actions and estimates asked at random positions. Every request must be answered
 * (no error response), every range must lie inside the document, every estimate number must be sane,
 * and the server must stay up; real configs with an extreme number injected likewise.
 * SERVER_FUZZ_CASES raises the count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realConfigs } from '../helpers/corpus';
import { startSession } from '../helpers/lsp';
import { injectExtremeNumber, mutate, Random } from '../helpers/mutate';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const CASES = Number(process.env.SERVER_FUZZ_CASES ?? 200);

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function rangeInside(text: string, range: Range | undefined, what: string): void {
  if (!range) return;
  const lines = text.split(/\r?\n|\r/);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${what}: ${JSON.stringify(range)} outside the document`);
  }
}

test(`${CASES} mutated configs through the running server: every request answered, every range inside`, async () => {
  const samples = realConfigs();
  const rnd = new Random(0xf00d);
  const s = await startSession();
  try {
    for (let n = 0; n < CASES; n++) {
      const sample = samples[rnd.int(samples.length)];
      const { text } = mutate(sample.text, rnd);
      const name = sample.path.endsWith('.json') ? `/fuzz/${n}/adapter_config.json` : `/fuzz/${n}.yaml`;
      const uri = s.open(name, text);
      const published = await s.waitForDiagnostics((p) => p.uri === uri);
      for (const d of published.diagnostics) rangeInside(text, d.range, `case ${n} diagnostic ${d.code}`);
      const lines = text.split('\n');
      const line = rnd.int(lines.length);
      const position = { line, character: rnd.int(lines[line].length + 1) };
      const textDocument = { uri };
      const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument, position })) as { range?: Range } | null;
      rangeInside(text, hover?.range, `case ${n} hover`);
      const completion = (await s.connection.sendRequest('textDocument/completion', { textDocument, position })) as { items: { textEdit?: { range: Range } }[] } | null;
      for (const c of completion?.items ?? []) rangeInside(text, c.textEdit?.range, `case ${n} completion`);
      const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } })) as { edit?: { changes?: Record<string, { range: Range }[]> } }[];
      for (const a of actions) for (const e of a.edit?.changes?.[uri] ?? []) rangeInside(text, e.range, `case ${n} code action`);
      assertSaneEstimate(await s.connection.sendRequest('peftLens/estimate', { uri }), `case ${n}`);
      await s.connection.sendNotification('textDocument/didClose', { textDocument });
    }
    assert.equal(s.process.exitCode, null, 'server still running');
    assert.deepEqual(s.logs.filter((l) => l.includes('[error]') || l.includes('[uncaught]')), []);
  } finally {
    await s.close();
  }
});

test(`${Math.ceil(CASES / 4)} real configs with an extreme number through the running server: every estimate and breakdown sane`, async () => {
  const samples = realConfigs();
  const rnd = new Random(0xbeef);
  const s = await startSession();
  try {
    for (let n = 0; n < Math.ceil(CASES / 4); n++) {
      const sample = samples[rnd.int(samples.length)];
      const { text, key, value } = injectExtremeNumber(sample.text, rnd);
      const uri = s.open(sample.path.endsWith('.json') ? `/extreme/${n}/adapter_config.json` : `/extreme/${n}.yaml`, text);
      await s.waitForDiagnostics((p) => p.uri === uri);
      const where = `case ${n} (${key}: ${value?.slice(0, 12)} in ${sample.path})`;
      assertSaneEstimate(await s.connection.sendRequest('peftLens/estimate', { uri }), where);
      assertSaneEstimate(await s.connection.sendRequest('peftLens/breakdown', { uri }), `${where} breakdown`);
      await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.deepEqual(s.logs.filter((l) => l.includes('[error]') || l.includes('[uncaught]')), []);
  } finally {
    await s.close();
  }
});
