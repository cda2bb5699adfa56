/**
/**
 * `npm run bench:memory [-- FILE]`: the memory estimator against measured training steps (the H200
 * file, or a results file of bench/gpu/calibrate.py in the same shape). Prints, per case, the measured
 * peak (what a fresh process reports, `peak_allocated_bytes_fresh_process`, and the harness's raw reading
 * beside it), the estimate, the error and the phase of the step the peak falls in; then the median and
 * maximum absolute error. Writes the same to bench/results/memory.json (memory-<FILE>.json for another file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { requireShared } from '../test/helpers/shared';
import { benchRows, loadCalibration, median } from './memoryCases';

function main(): void {
  const given = process.argv[2];
  const rows = benchRows(loadCalibration(given ?? requireShared('calibration', 'h200-training-memory.json')).cases);
  const gb = (b: number) => (b / 1e9).toFixed(3).padStart(8);
  const pct = (p: number) => `${p >= 0 ? '+' : ''}${p.toFixed(2)}%`.padStart(8);
  console.log(`${'case'.padEnd(48)} ${'measured'.padStart(8)} ${'recorded'.padStart(8)} ${'estimate'.padStart(8)} ${'error'.padStart(8)} ${'raw err'.padStart(8)}  phase`);
  for (const r of rows) {
    console.log(`${r.case.padEnd(48)} ${gb(r.measured)} ${gb(r.recorded)} ${gb(r.estimated)} ${pct(r.error_pct)} ${pct(r.raw_error_pct)}  ${r.phase}`);
  }
  const abs = rows.map((r) => Math.abs(r.error_pct));
  const rawAbs = rows.map((r) => Math.abs(r.raw_error_pct));
  const summary = {
    cases: rows.length,
    median_abs_error_pct: median(abs),
    max_abs_error_pct: Math.max(...abs),
    raw_median_abs_error_pct: median(rawAbs),
    raw_max_abs_error_pct: Math.max(...rawAbs),
  };
  console.log(`\n${rows.length} cases (GB = 1e9 bytes; measured = peak_allocated_bytes_fresh_process, plus the cuBLAS workspaces the shared process already held after the first case)`);
  console.log(`median |error| ${summary.median_abs_error_pct.toFixed(2)} %, max ${summary.max_abs_error_pct.toFixed(2)} %`);
  console.log(`against the harness's raw readings: median ${summary.raw_median_abs_error_pct.toFixed(2)} %, max ${summary.raw_max_abs_error_pct.toFixed(2)} %`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(given ? `bench/results/memory-${basename(given)}` : 'bench/results/memory.json', `${JSON.stringify({ summary, rows }, null, 2)}\n`);
}

main();
