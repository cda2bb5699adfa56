/**
 * The largest micro-batch (at the file's sequence length) and the largest sequence length (at the
 * file's micro-batch) that fit a GPU: the memory estimator solves both for the GPU it is run for,
 * against the band's upper edge (so the answer fits even if the modelled terms and the allocator
 * take what the band allows); the device bytes at each answer come from one more estimate there.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateOverrides } from '../estimate/types';
import { replaceValueEdit, setKeysEdits } from '../edits';
import type { Sourced } from '../plan';
import type { Fix, FormatId } from '../types';
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
  /** `value` is rounded down to a multiple of SEQUENCE_MULTIPLE; `solved` is the largest length that fits, when it differs. */
  sequenceLength?: { value: number; solved?: number; roundedTo?: number; atMicroBatchSize: number; deviceBytes?: number; upperBytes?: number };
  /** The edits that write each answer into the file's own key (absent where the file has no such key to write, as an adapter_config.json). */
  apply?: { microBatchSize?: Fix; sequenceLength?: Fix };
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
  const solved = memory.largest_sequence_length ?? 0;
  // Lengths are written as multiples of 64 (tensor-core tiles, and what people type); anything longer than the
  // solved length does not fit, so the nearest multiple that fits is the one below it.
  const s = solved >= SEQUENCE_MULTIPLE ? solved - (solved % SEQUENCE_MULTIPLE) : solved;
  const t = result.plan.training;
  const format = result.plan.format;
  const batchFix = b ? writeFix(doc, t.microBatchSize, BATCH_KEY[format], b, `Set the micro-batch size to ${b}`) : undefined;
  const seqFix = s ? writeFix(doc, t.sequenceLength, SEQUENCE_KEY[format], s, `Set the sequence length to ${s}`) : undefined;
  const out: LargestFit = {
    available: true,
    gpu: gpu.name,
    capacityBytes: gpu.memoryBytes,
    microBatchSize: { value: b, atSequenceLength: seq, ...(b ? await bytesAt({ microBatchSize: b }) : {}) },
    sequenceLength: { value: s, ...(s !== solved ? { solved, roundedTo: SEQUENCE_MULTIPLE } : {}), atMicroBatchSize: batch, ...(s ? await bytesAt({ sequenceLength: s }) : {}) },
    ...(batchFix || seqFix ? { apply: { ...(batchFix ? { microBatchSize: batchFix } : {}), ...(seqFix ? { sequenceLength: seqFix } : {}) } } : {}),
    basis: memory.largest_basis,
    markdown: '',
  };
  out.markdown = fitMarkdown(out);
  return out;
}

/** Sequence lengths are offered as multiples of this. */
export const SEQUENCE_MULTIPLE = 64;

/** The top-level key each format reads the micro-batch and the sequence length from, for a file that writes neither. */
const BATCH_KEY: Partial<Record<FormatId, string>> = { axolotl: 'micro_batch_size', llamafactory: 'per_device_train_batch_size', trl: 'per_device_train_batch_size', torchtune: 'batch_size' };
const SEQUENCE_KEY: Partial<Record<FormatId, string>> = { axolotl: 'sequence_len', llamafactory: 'cutoff_len', trl: 'max_length' };

/** Writes a value where the file gives it (a key read as written), else under the format's key. */
function writeFix(doc: ConfigDoc, source: Sourced<number> | undefined, key: string | undefined, value: number, title: string): Fix | undefined {
  if (source?.span && !source.assumed) return { title, edits: [replaceValueEdit(source.span, value, doc)] };
  const edits = key ? setKeysEdits(doc, [[key, value]]) : [];
  return edits.length ? { title, edits } : undefined;
}

function fitMarkdown(f: LargestFit): string {
  const lines = [`### Largest fit on ${f.gpu} (${gib(f.capacityBytes ?? 0)})`, ''];
  const b = f.microBatchSize!;
  const s = f.sequenceLength!;
  const at = (x: { deviceBytes?: number; upperBytes?: number }) => (x.deviceBytes ? ` (≈ ${gib(x.deviceBytes)}${x.upperBytes ? `, at most ${gib(x.upperBytes)}` : ''})` : '');
  lines.push(b.value ? `- micro-batch **${b.value}** at sequence length ${b.atSequenceLength}${at(b)}` : `- not even micro-batch 1 fits at sequence length ${b.atSequenceLength}`);
  const rounded = s.solved ? ` (${s.solved} fits; rounded down to a multiple of ${SEQUENCE_MULTIPLE})` : '';
  lines.push(s.value ? `- sequence length **${s.value}** at micro-batch ${s.atMicroBatchSize}${at(s)}${rounded}` : `- no sequence length fits at micro-batch ${s.atMicroBatchSize}`);
  if (f.basis) lines.push('', `_${f.basis.charAt(0).toUpperCase()}${f.basis.slice(1)}: the estimate plus what its modelled terms and the allocator may add._`);
  return lines.join('\n');
}
