/**
 * Every number an estimate reports is finite, never negative (but a fit's headroom, which is
 * negative when it does not fit), and whole where it counts things (parameters, bytes, modules,
 * tokens, sizes). The plan echoes the file's values (a negative lora_alpha, an infinite rank_pattern
 * entry: check reports those at the value), so there only its sizes and spans are held to this. Estimate-producing tests call this on each result.
 */
import assert from 'node:assert/strict';

/** Keys whose numbers count something; under the plan, the `value` of these training settings too. */
const COUNTS = /([bB]ytes|^trainable|^total|^added|^adapterModules|^count|^largest_micro_batch|^largest_sequence_length|^start|^end)$/;
const PLAN_COUNTS = /^(microBatchSize|sequenceLength|gradientAccumulationSteps|gpus)$/;
const MAY_BE_NEGATIVE = /^headroom(_bytes|Bytes)?$/;

export function assertSaneEstimate(result: unknown, where = 'estimate'): void {
  walk(result, [], where);
}

function walk(value: unknown, path: string[], where: string): void {
  if (typeof value === 'number') return checkNumber(value, path, where);
  if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, String(i)], where));
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], where);
}

function checkNumber(n: number, path: string[], where: string): void {
  const key = path[path.length - 1] ?? '';
  const at = `${where}: ${path.join('.')} = ${n}`;
  const planSize = key === 'value' && PLAN_COUNTS.test(path[path.length - 2] ?? '');
  if (path[0] === 'plan' && !planSize && !/^(start|end)$/.test(key)) return;
  assert.ok(Number.isFinite(n), `${at} is not finite`);
  if (!MAY_BE_NEGATIVE.test(key)) assert.ok(n >= 0, `${at} is negative`);
  if (COUNTS.test(key) || planSize) assert.ok(Number.isInteger(n), `${at} is not a whole number`);
}

/** The same check for the CLI's `estimate --json` output (one object or an array of them). */
export function assertSaneEstimateJson(stdout: string, where = 'estimate --json'): void {
  const parsed = JSON.parse(stdout) as unknown;
  for (const [i, r] of (Array.isArray(parsed) ? parsed : [parsed]).entries()) assertSaneEstimate(r, `${where} [${i}]`);
}
