/**
 * The rank table: trainable parameters and peak memory at r = 4 … 256 for the file's method, model
 * and training settings, by re-running the estimate with only the rank changed.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateOverrides } from '../estimate/types';
import { estimate } from './estimate';
import type { FitVerdictKind } from './fit';
import { fitVerdict, requiredBytes } from './fit';
import { exactCount, gib, percent, percentText } from './units';

export const RANKS_TO_COMPARE: readonly number[] = [4, 8, 16, 32, 64, 128, 256];

export interface RankRow {
  r: number;
  trainable?: number;
  percent?: number;
  peakAllocatedBytes?: number;
  deviceBytes?: number;
  verdict?: FitVerdictKind;
  current: boolean;
}

export interface RankComparison {
  available: boolean;
  reason?: string;
  currentRank?: number;
  rows: RankRow[];
  markdown: string;
}

export async function compareRanks(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides = {}, ranks: readonly number[] = RANKS_TO_COMPARE): Promise<RankComparison> {
  const base = await estimate(doc, ctx, overrides);
  const rank = base.plan?.peft?.r;
  if (!base.plan?.peft || typeof rank !== 'number') {
    const reason = base.format ? `The method here (${base.method ?? 'unknown'}) has no adapter rank to compare.` : (base.issues[0]?.message ?? 'Not a recognised fine-tuning config.');
    return { available: false, reason, rows: [], markdown: `_${reason}_` };
  }
  const rows: RankRow[] = [];
  for (const r of [...ranks].sort((a, b) => a - b)) {
    const result = r === rank && overrides.rank === undefined ? base : await estimate(doc, ctx, { ...overrides, rank: r });
    const row: RankRow = { r, current: r === rank };
    if (result.params) Object.assign(row, { trainable: result.params.trainable, percent: percent(result.params.trainable, result.params.total) });
    if (result.memory) {
      const verdict = fitVerdict(result.memory, ctx.settings, overrides.gpu ?? ctx.settings.gpu, overrides.gpus ?? ctx.settings.gpuCount).verdict;
      Object.assign(row, { peakAllocatedBytes: result.memory.peak_allocated_bytes, deviceBytes: requiredBytes(result.memory), verdict });
    }
    rows.push(row);
  }
  const available = rows.some((row) => row.trainable !== undefined || row.deviceBytes !== undefined);
  const reason = available ? undefined : (base.issues[0]?.message ?? 'Parameter and memory estimates are not available for this file yet.');
  return { available, reason, currentRank: rank, rows, markdown: rankTable(rows, reason) };
}

function rankTable(rows: RankRow[], reason?: string): string {
  const lines = ['| r | trainable | % of all | peak allocated | on device | fit |', '|---:|---:|---:|---:|---:|---|'];
  for (const row of rows) {
    const r = row.current ? `**${row.r}** ◀` : String(row.r);
    const cells = [
      row.trainable !== undefined ? exactCount(row.trainable) : '–',
      row.percent !== undefined ? percentText(row.percent) : '–',
      row.peakAllocatedBytes !== undefined ? gib(row.peakAllocatedBytes) : '–',
      row.deviceBytes !== undefined ? gib(row.deviceBytes) : '–',
      row.verdict ?? '–',
    ];
    lines.push(`| ${r} | ${cells.join(' | ')} |`);
  }
  if (reason) lines.push('', `_${reason}_`);
  return lines.join('\n');
}
