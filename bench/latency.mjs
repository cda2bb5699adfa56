// `npm run bench`: peft-lens's language server against yaml-language-server, in one process, on the
// same files, each server validating against the project's JSON schemas. Prints a table with ratios
// and writes bench/results/latency.json. Timings are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { cliRows, printCliRows } from './cli.mjs';
import { buildCorpus } from './corpus.mjs';
import { percentile, startServer } from './lspClient.mjs';

const EDITS = Number(process.env.BENCH_EDITS ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ROOT = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'peft-lens-bench-'));
const files = buildCorpus(join(work, 'ws'), join(ROOT, 'examples'));
const rootUri = pathToFileURL(join(work, 'ws')).href;

const schemaFor = (name) => pathToFileURL(join(ROOT, 'schemas', `${name}.schema.json`)).href;
const SERVERS = {
  'peft-lens': { command: process.execPath, args: [join(ROOT, 'dist/server.js'), '--stdio'], settings: { peftLens: {} } },
  'yaml-language-server': {
    command: process.execPath,
    args: [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        hover: true,
        completion: true,
        schemaStore: { enable: false },
        schemas: {
          [schemaFor('axolotl')]: ['**/axolotl/*.yml', 'realistic-300.yml', 'big-10k.yml'],
          [schemaFor('llamafactory')]: ['**/llamafactory/*.yaml'],
          [schemaFor('torchtune')]: ['**/torchtune/*.yaml'],
          [schemaFor('trl')]: ['**/trl/*.yaml'],
          [schemaFor('peft-adapter')]: ['**/adapter_config.json'],
        },
      },
    },
  },
};

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function runFile(name, spec, file) {
  const server = await startServer({ ...spec, rootUri });
  const uri = pathToFileURL(file.path).href;
  // Both servers get YAML; JSON is a subset of YAML and yaml-language-server only validates YAML.
  const languageId = name === 'peft-lens' && file.path.endsWith('.json') ? 'json' : 'yaml';
  const first = server.nextPublish(uri);
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: file.text } });
  await first;
  const coldStartMs = performance.now() - server.started;
  const edits = [];
  const count = file.label.startsWith('10,000') || file.label.startsWith('example') ? Math.min(EDITS, 50) : EDITS;
  let text = file.text;
  for (let i = 0; i < count; i++) {
    const version = i + 2;
    const value = String(8 + (i % 2) * 8).padEnd(file.edit.end - file.edit.start, '0').slice(0, Math.max(1, file.edit.end - file.edit.start));
    const range = { start: positionAt(text, file.edit.start), end: positionAt(text, file.edit.end) };
    text = text.slice(0, file.edit.start) + value + text.slice(file.edit.end);
    const published = server.nextPublish(uri, (p) => p.version === undefined || p.version === version);
    edits.push(await timed(async () => {
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: value }] });
      await published;
    }));
  }
  // Structural edits (a line added, then removed) cannot reuse the previous parse: measured apart.
  const structural = [];
  const lineStart = text.indexOf('\n', file.edit.end) + 1;
  for (let i = 0; i < Math.min(count, 100); i++) {
    const version = count + 2 + i;
    const add = i % 2 === 0;
    const at = positionAt(text, lineStart);
    const range = add ? { start: at, end: at } : { start: at, end: positionAt(text, lineStart + 7) };
    const insert = add ? '# note\n' : '';
    text = add ? text.slice(0, lineStart) + insert + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart + 7);
    const published = server.nextPublish(uri, (p) => p.version === undefined || p.version === version);
    structural.push(await timed(async () => {
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      await published;
    }));
  }
  const hoverPos = positionAt(text, file.hover);
  const hovers = [];
  for (let i = 0; i < REQUESTS; i++) hovers.push(await timed(() => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverPos })));
  const endPos = positionAt(text, text.length);
  const completions = [];
  for (let i = 0; i < REQUESTS; i++) completions.push(await timed(() => server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: endPos })));
  await server.stop();
  return { coldStartMs, editP50: percentile(edits, 50), editP99: percentile(edits, 99), edits: edits.length, structuralP50: percentile(structural, 50), structuralP99: percentile(structural, 99), hoverP50: percentile(hovers, 50), hoverP99: percentile(hovers, 99), completionP50: percentile(completions, 50), completionP99: percentile(completions, 99) };
}

async function memoryAfter100(name, spec) {
  const server = await startServer({ ...spec, rootUri });
  const base = files.find((f) => f.label === '300-line config');
  const waits = [];
  for (let i = 0; i < 100; i++) {
    const uri = pathToFileURL(join(work, 'ws', `mem-${i}.yml`)).href;
    waits.push(server.nextPublish(uri));
    server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: base.text.replace('lora_r: 32', `lora_r: ${i + 1}`) } });
  }
  await Promise.all(waits);
  const rss = server.rssBytes();
  await server.stop();
  return rss;
}

function bareParseMs(file) {
  for (let i = 0; i < 5; i++) parseDocument(file.text);
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    parseDocument(file.text);
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

function cliThroughput() {
  // A folder of everyday configs (the examples and the 300-line one), not the 10,000-line stress file.
  const cliFiles = files.filter((f) => f.label === 'example' || f.label === '300-line config');
  const dir = join(work, 'cli');
  for (let i = 0; i < 500; i++) {
    const f = cliFiles[i % cliFiles.length];
    const target = join(dir, String(i), f.path.endsWith('adapter_config.json') ? 'adapter_config.json' : basename(f.path));
    mkdirSync(join(target, '..'), { recursive: true });
    cpSync(f.path, target);
  }
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  const checked = JSON.parse(r.stdout).files.length;
  return { files: checked, seconds, filesPerSecond: checked / seconds };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const results = { date: new Date().toISOString(), node: process.version, edits: EDITS, requests: REQUESTS, files: [], memory: {}, cli: null };
for (const file of files) {
  const row = { file: file.path.slice(join(work, 'ws').length + 1), label: file.label, lines: file.text.split('\n').length, bareParseMs: bareParseMs(file), servers: {} };
  for (const [name, spec] of Object.entries(SERVERS)) row.servers[name] = await runFile(name, spec, file);
  results.files.push(row);
  const a = row.servers['peft-lens'];
  const b = row.servers['yaml-language-server'];
  console.log(
    `${row.file.padEnd(48)} ${String(row.lines).padStart(6)} lines | parse ${fmt(row.bareParseMs)} ms | edit→diag p50 ${fmt(a.editP50)} vs ${fmt(b.editP50)} ms (×${(b.editP50 / a.editP50).toFixed(1)} faster, ${(a.editP50 / row.bareParseMs).toFixed(1)}× parse) p99 ${fmt(a.editP99)} vs ${fmt(b.editP99)} | line add/remove p50 ${fmt(a.structuralP50)} vs ${fmt(b.structuralP50)} ms (×${(b.structuralP50 / a.structuralP50).toFixed(1)}, ${(a.structuralP50 / row.bareParseMs).toFixed(1)}× parse) | cold ${fmt(a.coldStartMs)} vs ${fmt(b.coldStartMs)} ms | hover p50 ${fmt(a.hoverP50)} vs ${fmt(b.hoverP50)} | completion p50 ${fmt(a.completionP50)} vs ${fmt(b.completionP50)}`,
  );
}
for (const [name, spec] of Object.entries(SERVERS)) results.memory[name] = await memoryAfter100(name, spec);
results.cli = cliThroughput();
results.cliRows = cliRows();
const mb = (b) => (b / 2 ** 20).toFixed(0);
console.log(`resident memory after 100 documents: peft-lens ${mb(results.memory['peft-lens'])} MB vs yaml-language-server ${mb(results.memory['yaml-language-server'])} MB (ratio ${(results.memory['peft-lens'] / results.memory['yaml-language-server']).toFixed(2)})`);
console.log(`CLI: ${results.cli.files} configs in ${results.cli.seconds.toFixed(2)} s = ${results.cli.filesPerSecond.toFixed(0)} files/s`);
printCliRows(results.cliRows);
const geo = (key) => Math.exp(results.files.reduce((s, r) => s + Math.log(r.servers['peft-lens'][key] / r.servers['yaml-language-server'][key]), 0) / results.files.length);
results.ratios = { editP50: geo('editP50'), editP99: geo('editP99'), structuralP50: geo('structuralP50'), coldStart: geo('coldStartMs'), hoverP50: geo('hoverP50'), completionP50: geo('completionP50'), memory: results.memory['peft-lens'] / results.memory['yaml-language-server'] };
console.log(`ratios peft-lens / yaml-language-server (geometric mean over files; < 1 is better): edit→diag p50 ${results.ratios.editP50.toFixed(3)}, p99 ${results.ratios.editP99.toFixed(3)}, line add/remove p50 ${results.ratios.structuralP50.toFixed(3)}, cold start ${results.ratios.coldStart.toFixed(2)}, hover p50 ${results.ratios.hoverP50.toFixed(2)}, completion p50 ${results.ratios.completionP50.toFixed(2)}, memory ${results.ratios.memory.toFixed(2)}`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latency.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
