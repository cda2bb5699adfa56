/**
 * The largest micro-batch (at the file's sequence length) and the largest sequence length (at the
 * file's micro-batch) whose estimated device memory fits the selected GPU. Memory grows with both,
 * so a doubling search followed by bisection needs a few dozen estimates at most.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateOverrides } from '../estimate/types';
import { estimate } from './estimate';
import { requiredBytes } from './fit';
import { findGpu } from './gpus';
import { gib } from './units';

export interface LargestFit {
  available: boolean;
  reason?: string;
  gpu: string;
  capacityBytes?: number;
  microBatchSize?: { value: number; atSequenceLength: number; deviceBytes?: number };
  sequenceLength?: { value: number; atMicroBatchSize: number; deviceBytes?: number };
  markdown: string;
}

const MAX_BATCH = 1 << 16;
const MAX_SEQUENCE = 1 << 21;
/** Sequence lengths are searched in steps of this many tokens (a typical padding multiple). */
const SEQUENCE_STEP = 64;

export async function largestFit(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides = {}, gpuName?: string): Promise<LargestFit> {
  const name = gpuName ?? overrides.gpu ?? ctx.settings.gpu;
  const gpu = findGpu(name);
  const fail = (reason: string): LargestFit => ({ available: false, reason, gpu: gpu?.name ?? name, capacityBytes: gpu?.memoryBytes, markdown: `_${reason}_` });
  if (!gpu) return fail(`${name} is not in the GPU catalog.`);
  const base = await estimate(doc, ctx, overrides);
  if (!base.memory || !base.plan) return fail(base.issues[0]?.message ?? (base.format ? 'The memory estimate is not available for this file yet.' : 'Not a recognised fine-tuning config.'));
  const seq = overrides.sequenceLength ?? base.plan.training.sequenceLength?.value ?? ctx.settings.defaultSequenceLength;
  const batch = overrides.microBatchSize ?? base.plan.training.microBatchSize?.value ?? ctx.settings.defaultMicroBatchSize;
  const bytesAt = async (o: EstimateOverrides) => {
    const m = (await estimate(doc, ctx, { ...overrides, ...o })).memory;
    return m ? requiredBytes(m) : Infinity;
  };
  const b = await largest((n) => bytesAt({ microBatchSize: n, sequenceLength: seq }), gpu.memoryBytes, MAX_BATCH, 1);
  const s = await largest((n) => bytesAt({ microBatchSize: batch, sequenceLength: n * SEQUENCE_STEP }), gpu.memoryBytes, MAX_SEQUENCE / SEQUENCE_STEP, 1);
  const out: LargestFit = {
    available: true,
    gpu: gpu.name,
    capacityBytes: gpu.memoryBytes,
    microBatchSize: { value: b.value, atSequenceLength: seq, deviceBytes: b.bytes },
    sequenceLength: { value: s.value * SEQUENCE_STEP, atMicroBatchSize: batch, deviceBytes: s.bytes },
    markdown: '',
  };
  out.markdown = fitMarkdown(out);
  return out;
}

/** Largest n in [lo, max] with bytes(n) ≤ capacity (0 when even lo does not fit). */
async function largest(bytes: (n: number) => Promise<number>, capacity: number, max: number, lo: number): Promise<{ value: number; bytes?: number }> {
  let good = { value: 0, bytes: undefined as number | undefined };
  let n = lo;
  let bad = max + 1;
  while (n <= max) {
    const used = await bytes(n);
    if (used > capacity) {
      bad = n;
      break;
    }
    good = { value: n, bytes: used };
    n *= 2;
  }
  let low = good.value;
  while (bad - low > 1 && low > 0) {
    const mid = Math.floor((low + bad) / 2);
    const used = await bytes(mid);
    if (used <= capacity) {
      low = mid;
      good = { value: mid, bytes: used };
    } else bad = mid;
  }
  return good;
}

function fitMarkdown(f: LargestFit): string {
  const lines = [`### Largest fit on ${f.gpu} (${gib(f.capacityBytes ?? 0)})`];
  const b = f.microBatchSize;
  const s = f.sequenceLength;
  if (b) lines.push('', b.value ? `- micro-batch **${b.value}** at sequence length ${b.atSequenceLength}${b.deviceBytes ? ` (${gib(b.deviceBytes)})` : ''}` : `- not even micro-batch 1 fits at sequence length ${b.atSequenceLength}`);
  if (s) lines.push(s.value ? `- sequence length **${s.value}** at micro-batch ${s.atMicroBatchSize}${s.deviceBytes ? ` (${gib(s.deviceBytes)})` : ''}` : `- not even ${SEQUENCE_STEP} tokens fit at micro-batch ${s.atMicroBatchSize}`);
  return lines.join('\n');
}
