/**
 * The memory estimator against the measured H200 training steps, each case held to a bound near what the
 * estimator achieves on it (a quarter more than its error, plus 0.02 points), so that a wrong mechanism
 * shows up as a failing case rather than hiding inside a loose aggregate. Measured = what a fresh process
 * reports (`peak_allocated_bytes_fresh_process`). When the estimator gets closer on a case, tighten its bound.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchRows, loadCalibration, median } from '../../../bench/memoryCases';
import { requireShared } from '../../helpers/shared';

/** Case → the largest |error| in percent it may have. */
const BOUNDS = new Map<string, number>([
  ['qwen2.5-0.5b full b4 s512', 1.81],
  ['qwen2.5-0.5b full b4 s512 gc', 0.24],
  ['qwen2.5-0.5b lora-r16-all-linear b4 s512', 0.98],
  ['qwen2.5-0.5b lora-r16-all-linear b4 s2048 gc', 0.04],
  ['qwen2.5-0.5b lora-r16-all-linear b8 s1024', 0.11],
  ['llama-3.2-1b full b2 s1024 gc', 0.08],
  ['llama-3.2-1b lora-r8-default b4 s1024', 0.05],
  ['llama-3.2-1b lora-r8-default b4 s1024 gc', 0.05],
  ['llama-3.2-1b lora-r64-all-linear b4 s1024 gc', 0.05],
  ['llama-3.2-1b dora-r16-all-linear b4 s1024 gc', 0.04],
  ['llama-3.2-1b ia3-default b4 s1024 gc', 0.05],
  ['llama-3.2-1b prompt-tuning-20 b4 s1024 gc', 0.29],
  ['llama-3.2-1b prefix-tuning-20 b4 s1024', 0.04],
  ['tinyllama-1.1b lora-r8-default b8 s2048 gc', 0.04],
  ['tinyllama-1.1b lora-r16-all-linear b2 s4096 gc', 0.06],
  ['tinyllama-1.1b lora-r16-all-linear b2 s2048', 0.30],
  ['gemma-2b lora-r8-default b4 s1024 gc', 0.04],
  ['llama-2-7b lora-r8-default b1 s512', 0.10],
  ['llama-2-7b lora-r16-all-linear b4 s2048 gc', 0.03],
  ['llama-2-7b lora-r16-all-linear b1 s4096', 0.27],
  ['mistral-7b lora-r16-all-linear b4 s1024 gc', 0.03],
  ['llama-3-8b lora-r16-all-linear b2 s2048 gc', 0.03],
  ['llama-3-8b lora-r16-all-linear b8 s1024', 0.15],
  ['llama-3-8b dora-r16-all-linear b2 s2048 gc', 0.03],
  ['qwen2.5-7b lora-r64-all-linear b2 s2048 gc', 0.24],
  ['llama-3-8b full b1 s1024 gc', 0.03],
]);

const rows = () => benchRows(loadCalibration(requireShared('calibration', 'h200-training-memory.json')).cases);

test('every H200 calibration case stays within its bound', () => {
  const all = rows();
  const report = all.map((r) => `${r.case}: ${r.error_pct.toFixed(3)} % (bound ${BOUNDS.get(r.case)} %)`).join('\n');
  assert.deepEqual(all.map((r) => r.case).sort(), [...BOUNDS.keys()].sort(), 'the calibration file and the bounds name the same cases');
  for (const r of all) assert.ok(Math.abs(r.error_pct) <= BOUNDS.get(r.case)!, `${r.case}: ${r.error_pct.toFixed(3)} % is outside ±${BOUNDS.get(r.case)} %\n${report}`);
});

test('median error over the H200 cases at most 0.05 %, worst at most 1.5 %', () => {
  const abs = rows().map((r) => Math.abs(r.error_pct));
  assert.ok(median(abs) <= 0.05, `median ${median(abs).toFixed(3)} %`);
  assert.ok(Math.max(...abs) <= 1.5, `max ${Math.max(...abs).toFixed(3)} %`);
});
