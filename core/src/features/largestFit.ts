/**
 * The largest micro-batch (at the file's sequence length) and the largest sequence length (at the
 * file's micro-batch) that fit a GPU: the memory estimator solves both for the GPU it is run for,
 * against the band's upper edge (so the answer fits even if the modelled terms and the allocator
 * take what the band allows); the device bytes at each answer come from one more estimate there.
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
  microBatchSize?: { value: number; atSequenceLength: number; deviceBytes?: number; upperBytes?: number };
  sequenceLength?: { value: number; atMicroBatchSize: number; deviceBytes?: number; upperBytes?: number };
  /** What the answers were solved against (the band's upper edge), in words. */
  basis?: string;
  markdown: string;
}

export async function largestFit(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides = {}, gpuName?: string): Promise<LargestFit> {
  const name = gpuName ?? overrides.gpu ?? ctx.settings.gpu;
  const gpu = findGpu(name);
  const fail = (reason: string): LargestFit => ({ available: false, reason, gpu: gpu?.name ?? name, capacityBytes: gpu?.memoryBytes, markdown: `_${reason}_` });
  if (!gpu) return fail(`${name} is not in the GPU catalog.`);
  const on = { ...overrides, gpu: gpu.name };
  const result = await estimate(doc, ctx, on);
  const memory = result.memory;
  if (!memory || !result.plan) return fail(result.issues[0]?.message ?? (result.format ? 'The memory estimate is not available for this file yet.' : 'Not a recognised fine-tuning config.'));
  if (memory.largest_micro_batch === undefined || memory.largest_sequence_length === undefined) return fail('The memory estimate did not solve for the largest batch and sequence length.');
  const seq = result.plan.training.sequenceLength?.value ?? ctx.settings.defaultSequenceLength;
  const batch = result.plan.training.microBatchSize?.value ?? ctx.settings.defaultMicroBatchSize;
  const bytesAt = async (o: EstimateOverrides) => {
    const m = (await estimate(doc, ctx, { ...on, ...o })).memory;
    return m ? { deviceBytes: requiredBytes(m), upperBytes: m.band.high } : {};
  };
  const b = memory.largest_micro_batch ?? 0;
  const s = memory.largest_sequence_length ?? 0;
  const out: LargestFit = {
    available: true,
    gpu: gpu.name,
    capacityBytes: gpu.memoryBytes,
    microBatchSize: { value: b, atSequenceLength: seq, ...(b ? await bytesAt({ microBatchSize: b }) : {}) },
    sequenceLength: { value: s, atMicroBatchSize: batch, ...(s ? await bytesAt({ sequenceLength: s }) : {}) },
    basis: memory.largest_basis,
    markdown: '',
  };
  out.markdown = fitMarkdown(out);
  return out;
}

function fitMarkdown(f: LargestFit): string {
  const lines = [`### Largest fit on ${f.gpu} (${gib(f.capacityBytes ?? 0)})`, ''];
  const b = f.microBatchSize!;
  const s = f.sequenceLength!;
  const at = (x: { deviceBytes?: number; upperBytes?: number }) => (x.deviceBytes ? ` (≈ ${gib(x.deviceBytes)}${x.upperBytes ? `, at most ${gib(x.upperBytes)}` : ''})` : '');
  lines.push(b.value ? `- micro-batch **${b.value}** at sequence length ${b.atSequenceLength}${at(b)}` : `- not even micro-batch 1 fits at sequence length ${b.atSequenceLength}`);
  lines.push(s.value ? `- sequence length **${s.value}** at micro-batch ${s.atMicroBatchSize}${at(s)}` : `- no sequence length fits at micro-batch ${s.atMicroBatchSize}`);
  if (f.basis) lines.push('', `_${f.basis.charAt(0).toUpperCase()}${f.basis.slice(1)}: the estimate plus what its modelled terms and the allocator may add._`);
  return lines.join('\n');
}
