/**
 * `npm run bench:axolotl`: the checker against axolotl's own pydantic schema (bench/axolotl/validate.py,
 * the release pinned in core/src/versions/matrix.json, heavy imports stubbed) on the upstream axolotl
 * configs and on mutations of them (test/core/mutations.ts: misspelt keys, words for numbers, unknown
 * enum values, numbers below their minimum). axolotl's verdict is "refused" when its schema raises.
 * The checker's schema verdict is "refused" when it reports an error axolotl's start-up would raise:
 * errors with `stage: 'run'` (PEFT's refusals when the model is loaded, a negative learning rate that
 * torch refuses when the optimizer is built, ...) are ones the schema never sees, so comparing them
 * with it would count every refusal the checker adds beyond start-up as a disagreement. They are
 * tallied on their own (`run_time_refusals`), by code. Writes agreement and every disagreement to
 * bench/results/axolotl-differential.json.
 *
 * Needs python3 with pydantic and PyYAML, and a git dir of axolotl (AXOLOTL_GIT, e.g. a bare clone of
 * github.com/axolotl-ai-cloud/axolotl); without them it says so and exits 0, so `npm test` never needs Python.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, FORMATS } from '../core/src/index';
import { MATRIX } from '../core/src/versions/matrix';
import { configFiles } from '../test/helpers/corpus';
import { ctx, doc } from '../test/helpers/fixtures';
import { requireShared } from '../test/helpers/shared';
import { mutationsOf } from '../test/core/mutations';

interface Case {
  id: string;
  kind: string;
  path: string;
  text: string;
}

/** The gist of a pydantic error: its first lines, without the input dump. */
function firstLines(error: string): string {
  return error.split('\n').slice(0, 3).join(' ').replace(/\[type=.*$/, '').replace(/\s+/g, ' ').trim().slice(0, 160);
}

function skip(reason: string): void {
  console.log(`bench:axolotl skipped: ${reason}`);
}

async function main(): Promise<void> {
  const python = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import pydantic, yaml; print(pydantic.VERSION)'], { encoding: 'utf8' });
  if (probe.status !== 0) return skip(`${python} with pydantic and PyYAML is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`);
  const git = process.env.AXOLOTL_GIT;
  if (!git || !existsSync(git)) return skip('set AXOLOTL_GIT to a git dir of axolotl-ai-cloud/axolotl (a bare clone will do)');
  const corpus = requireShared('upstream-configs');
  const tag = `v${MATRIX.axolotl.reference}.0`;

  const cases: Case[] = [];
  for (const path of configFiles(join(corpus, 'axolotl'))) {
    const text = readFileSync(path, 'utf8');
    const d = doc(path, text);
    if (d.format !== 'axolotl') continue;
    const rel = relative(corpus, path);
    cases.push({ id: rel, kind: 'upstream', path, text });
    for (const m of mutationsOf(text, FORMATS.axolotl.schema(d)!)) cases.push({ id: `${rel} | ${m.kind} (line ${m.line})`, kind: 'mutation', path, text: m.text });
  }

  const run = spawnSync(python, [join(__dirname, '../../bench/axolotl/validate.py'), git, tag], {
    input: cases.map((c) => JSON.stringify({ id: c.id, text: c.text })).join('\n'),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`validate.py failed: ${run.stderr.slice(-2000)}`);
  const real = new Map(run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; ok: boolean; error: string; note: string }).map((v) => [v.id, v]));

  const tally = { upstream: { cases: 0, agree: 0 }, mutation: { cases: 0, agree: 0 } };
  const runTime = { cases: 0, by_code: {} as Record<string, number> };
  const notes: Record<string, number> = {};
  const disagreements: unknown[] = [];
  // A mutation may hide what detection keys on (a misspelt base_model): the file is still axolotl's.
  const context = ctx({ formatAssociations: { '**/axolotl/**': 'axolotl' } });
  for (const c of cases) {
    const all = (await check(doc(c.path, c.text, context.settings), context)).filter((i) => i.severity === 'error');
    const errors = all.filter((i) => i.stage !== 'run');
    const later = all.filter((i) => i.stage === 'run');
    const verdict = real.get(c.id)!;
    if (verdict.note) notes[verdict.note] = (notes[verdict.note] ?? 0) + 1;
    if (later.length) {
      runTime.cases++;
      for (const code of new Set(later.map((e) => e.code))) runTime.by_code[code] = (runTime.by_code[code] ?? 0) + 1;
    }
    const t = tally[c.kind as 'upstream' | 'mutation'];
    t.cases++;
    if ((errors.length === 0) === verdict.ok) t.agree++;
    else disagreements.push({ id: c.id, kind: c.kind, checker: errors.length ? 'refused' : 'accepted', axolotl: verdict.ok ? 'accepted' : 'refused', checker_errors: [...new Set(errors.map((e) => e.code))], axolotl_error: firstLines(verdict.error) });
  }
  // Which checks the disagreements come from: checker codes where only the checker refuses, the first
  // line of axolotl's error where only axolotl does.
  const byCode: Record<string, number> = {};
  const byError: Record<string, number> = {};
  for (const d of disagreements as { checker_errors: string[]; axolotl_error: string; checker: string }[]) {
    if (d.checker === 'refused') for (const code of d.checker_errors) byCode[code] = (byCode[code] ?? 0) + 1;
    else byError[d.axolotl_error] = (byError[d.axolotl_error] ?? 0) + 1;
  }
  const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]));
  const pct = (t: { cases: number; agree: number }) => (t.cases ? (100 * t.agree) / t.cases : 100);
  const summary = {
    axolotl: tag,
    pydantic: probe.stdout.trim(),
    upstream: { ...tally.upstream, agreement_pct: Number(pct(tally.upstream).toFixed(2)) },
    mutations: { ...tally.mutation, agreement_pct: Number(pct(tally.mutation).toFixed(2)) },
    only_checker_refuses_by_code: sorted(byCode),
    only_axolotl_refuses_by_error: sorted(byError),
    // Cases (upstream and mutations) where the checker also reports a refusal the run meets after start-up.
    run_time_refusals: { cases: runTime.cases, by_code: sorted(runTime.by_code) },
    bench_notes: sorted(notes),
  };
  console.log(`axolotl ${tag} (pydantic ${summary.pydantic}): upstream ${tally.upstream.agree}/${tally.upstream.cases} agree, mutations ${tally.mutation.agree}/${tally.mutation.cases} (${summary.mutations.agreement_pct} %)`);
  for (const d of disagreements as { id: string; checker: string; axolotl: string }[]) console.log(`  ${d.id}: checker ${d.checker}, axolotl ${d.axolotl}`);
  mkdirSync('bench/results', { recursive: true });
  // Every upstream disagreement on its own; mutation disagreements grouped by what disagreed, with examples.
  type Row = { id: string; kind: string; checker: string; axolotl: string; checker_errors: string[]; axolotl_error: string };
  const rows = disagreements as Row[];
  const groups = new Map<string, { checker: string; axolotl: string; because: string; count: number; examples: string[] }>();
  for (const d of rows.filter((r) => r.kind === 'mutation')) {
    const because = d.checker === 'refused' ? d.checker_errors.join(', ') : d.axolotl_error;
    const key = `${d.checker}|${because}`;
    const g = groups.get(key) ?? { checker: d.checker, axolotl: d.axolotl, because, count: 0, examples: [] };
    g.count++;
    if (g.examples.length < 5) g.examples.push(d.id);
    groups.set(key, g);
  }
  const upstream = rows.filter((r) => r.kind === 'upstream');
  const mutations = [...groups.values()].sort((a, b) => b.count - a.count);
  writeFileSync('bench/results/axolotl-differential.json', `${JSON.stringify({ summary, upstream_disagreements: upstream, mutation_disagreements: mutations }, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
