/**
 * `npm run bench:memory [-- FILE]`: the memory estimator against measured training steps (the H200
 * file, or a results file of bench/gpu/calibrate.py in the same shape). Prints, per
 * case, the measured peak (as recorded, and corrected for the harness's carried-over gradients; see
 * leftoverBytes), the estimate, the error and the phase of the step the peak falls in; then the median
 * and maximum absolute error. Writes the same to bench/results/memory.json (memory-<FILE>.json for another file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sharedPath } from '../test/helpers/shared';
import { benchRows, loadCalibration, median } from './memoryCases';

function main(): void {
  const given = process.argv[2];
  const path = given ?? sharedPath('calibration', 'h200-training-memory.json');
  if (!path) {
    console.error('bench:memory: ../shared/calibration/h200-training-memory.json not found (set PEFT_LENS_SHARED)');
    process.exitCode = 2;
    return;
  }
  const rows = benchRows(loadCalibration(path).cases);
  const gb = (b: number) => (b / 1e9).toFixed(3).padStart(8);
  const pct = (p: number) => `${p >= 0 ? '+' : ''}${p.toFixed(2)}%`.padStart(8);
  console.log(`${'case'.padEnd(48)} ${'measured'.padStart(8)} ${'leftover'.padStart(8)} ${'corrected'.padStart(9)} ${'estimate'.padStart(8)} ${'error'.padStart(8)} ${'raw err'.padStart(8)}  phase`);
  for (const r of rows) {
    console.log(`${r.case.padEnd(48)} ${gb(r.measured)} ${gb(r.leftover)} ${gb(r.corrected)}  ${gb(r.estimated)} ${pct(r.error_pct)} ${pct(r.raw_error_pct)}  ${r.phase}`);
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
  console.log(`\n${rows.length} cases (GB = 1e9 bytes; error against the corrected peak)`);
  console.log(`median |error| ${summary.median_abs_error_pct.toFixed(2)} %, max ${summary.max_abs_error_pct.toFixed(2)} %`);
  console.log(`against the peaks as recorded: median ${summary.raw_median_abs_error_pct.toFixed(2)} %, max ${summary.raw_max_abs_error_pct.toFixed(2)} %`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(given ? `bench/results/memory-${basename(given)}` : 'bench/results/memory.json', `${JSON.stringify({ summary, rows }, null, 2)}\n`);
}

main();
