// The CLI rows of `npm run bench` (also `node bench/cli.mjs` alone): a single-file check against bare
// `node -e 0`, the two interleaved in the same run so a busy machine slows both alike, and files per
// second on the upstream corpus (../shared/upstream-configs). Whole processes, medians.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve('.');
const CLI = join(ROOT, 'dist/cli.js');
const SINGLE = join(ROOT, 'examples/axolotl/qlora-llama-3-8b.yml');
const CORPUS = resolve(process.env.PEFT_LENS_SHARED ?? '../shared', 'upstream-configs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: performance.now() - t, stdout: r.stdout };
}

export function cliRows({ runs = Number(process.env.BENCH_CLI_RUNS ?? 31), corpusRuns = Number(process.env.BENCH_CLI_CORPUS_RUNS ?? 5) } = {}) {
  const bare = [];
  const single = [];
  for (let i = 0; i < runs; i++) {
    bare.push(wall(['-e', '0']).ms);
    single.push(wall([CLI, 'check', SINGLE]).ms);
  }
  const corpus = [];
  let files = 0;
  for (let i = 0; i < corpusRuns; i++) {
    const r = wall([CLI, 'check', CORPUS, '--format', 'json']);
    files = JSON.parse(r.stdout).files.length;
    corpus.push(r.ms);
  }
  const bareMs = median(bare);
  const singleMs = median(single);
  const corpusMs = median(corpus);
  return { runs, cores: availableParallelism(), nodeBareMs: bareMs, singleFileMs: singleMs, singleFileRatio: singleMs / bareMs, corpusFiles: files, corpusMs, corpusFilesPerSecond: files / (corpusMs / 1000) };
}

export function printCliRows(r) {
  console.log(`CLI single file (${r.runs} runs, medians): check ${r.singleFileMs.toFixed(0)} ms vs node -e 0 ${r.nodeBareMs.toFixed(0)} ms = ${r.singleFileRatio.toFixed(2)}×`);
  console.log(`CLI upstream corpus (${r.cores} cores): ${r.corpusFiles} configs in ${(r.corpusMs / 1000).toFixed(2)} s = ${r.corpusFilesPerSecond.toFixed(0)} files/s`);
}

if (import.meta.url === `file://${process.argv[1]}`) printCliRows(cliRows());
