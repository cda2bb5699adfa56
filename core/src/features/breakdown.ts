/**
 * The memory breakdown behind the CodeLens: parameters, peak memory by term with a bar each, the
 * assumptions, the fit verdict and the inputs, as data and as markdown. Answers with whatever the
 * estimate has: before the estimators land, only the plan's inputs and the reason.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateOverrides, EstimateResult, MemoryBand, SourcedTerm, SwitchEffect, TermProvenance } from '../estimate/types';
import type { EstimateInput } from './estimateInputs';
import { estimateInputs } from './estimateInputs';
import { estimate } from './estimate';
import type { FitVerdict } from './fit';
import { fitVerdict } from './fit';
import { bandPercent } from '../estimate/memory/band';
import { timeLine } from './timeText';
import { sourceText } from '../models/source';
import { bar, exactCount, gib, percent, percentText, shortCount } from './units';

export interface BreakdownTerm {
  term: string;
  bytes: number;
  fraction: number;
  bar: string;
  /** Held to measured runs, or derived from source and never measured; and the evidence. */
  provenance: TermProvenance;
}

export interface Breakdown {
  format: string | null;
  available: boolean;
  reason?: string;
  markdown: string;
  model?: EstimateResult['model'];
  /** Where the model's numbers came from, worded (`local config.json /work/acme/config.json`). */
  modelSource?: string;
  method?: string;
  params?: { trainable: number; total: number; percent: number };
  memory?: {
    peakAllocatedBytes: number;
    deviceBytes: number;
    perGpuBytes: number;
    band: MemoryBand;
    terms: BreakdownTerm[];
    deviceTerms: SourcedTerm[];
    assumptions: string[];
    switches: SwitchEffect[];
    hostOffloadedBytes?: number;
  };
  /** The step time in a sentence, its seconds and its assumptions (core/src/estimate/time/). */
  time?: { summary: string; secondsPerStep: number; assumptions: string[] };
  fit?: FitVerdict;
  inputs: EstimateInput[];
  problems: string[];
}

export async function breakdownOf(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides = {}): Promise<Breakdown> {
  return breakdownFromResult(await estimate(doc, ctx, overrides), ctx, overrides);
}

export function breakdownFromResult(result: EstimateResult, ctx: Context, overrides: EstimateOverrides = {}): Breakdown {
  const problems = result.issues.map((i) => i.message);
  const inputs = result.plan ? estimateInputs(result.plan) : [];
  const params = result.params ? { ...result.params, percent: percent(result.params.trainable, result.params.total) } : undefined;
  const gpuCount = overrides.gpus ?? result.plan?.training.gpus?.value ?? ctx.settings.gpuCount;
  const fit = result.memory || result.format ? fitVerdict(result.memory, ctx.settings, overrides.gpu ?? ctx.settings.gpu, gpuCount) : undefined;
  const memory = result.memory ? memoryPart(result.memory) : undefined;
  const reason = memory ? undefined : (problems[0] ?? (result.format ? 'The memory estimate is not available for this file yet.' : 'Not a recognised fine-tuning config.'));
  const modelSource = result.model?.source ? sourceText(result.model) : undefined;
  const time = result.time ? { summary: timeLine(result.time), secondsPerStep: result.time.seconds_per_step, assumptions: result.time.assumptions } : undefined;
  const out: Breakdown = { format: result.format, available: !!memory, reason, markdown: '', model: result.model, modelSource, method: result.method, params, memory, ...(time ? { time } : {}), fit, inputs, problems };
  out.markdown = breakdownMarkdown(out);
  return out;
}

function memoryPart(m: NonNullable<EstimateResult['memory']>): NonNullable<Breakdown['memory']> {
  const peak = m.peak_allocated_bytes || 1;
  const terms = m.breakdown.map((t) => ({ term: t.term, bytes: t.bytes, fraction: t.bytes / peak, bar: bar(t.bytes / peak), provenance: t.provenance }));
  return {
    peakAllocatedBytes: m.peak_allocated_bytes,
    deviceBytes: m.device_bytes,
    perGpuBytes: m.per_gpu_bytes,
    band: m.band,
    terms,
    deviceTerms: m.device_breakdown ?? [],
    assumptions: m.assumptions,
    switches: m.switches ?? [],
    ...(m.host_offloaded_bytes !== undefined ? { hostOffloadedBytes: m.host_offloaded_bytes } : {}),
  };
}

export function breakdownMarkdown(b: Breakdown): string {
  const lines = [`### ${b.method ? `${b.method} on ` : ''}${b.model?.id ?? 'unknown model'}`];
  if (b.modelSource) lines.push('', `_Model numbers from the ${b.modelSource}._`);
  if (b.params) lines.push('', `**Trainable parameters:** ${exactCount(b.params.trainable)} of ${shortCount(b.params.total)} (${percentText(b.params.percent)})`);
  if (b.memory) {
    const m = b.memory;
    const pct = b.fit?.bandPercent ?? bandPercent(m.band, m.perGpuBytes);
    lines.push('', `**Peak memory per GPU:** ${gib(m.peakAllocatedBytes)} allocated, ≈ ${gib(m.perGpuBytes)} ± ${pct} % on the device`);
    lines.push('', `**Band:** ${gib(m.band.low)}-${gib(m.band.high)}: ${m.band.why}.`, '');
    lines.push('| term | memory | share | known |', '|---|---:|---|---|');
    for (const t of m.terms) lines.push(`| ${t.term} | ${gib(t.bytes)} | \`${t.bar}\` ${(100 * t.fraction).toFixed(1)}% | ${t.provenance.status} |`);
    for (const t of m.deviceTerms) lines.push(`| ${t.term} | ${gib(t.bytes)} | on the device | ${t.provenance.status} |`);
    if (m.switches.length) {
      lines.push('', '**What each switch removed from the peak**', '');
      for (const s of m.switches) lines.push(`- ${s.switch}${s.key ? ` (\`${s.key}\`)` : ''}: ${switchEffectText(s)}`);
    }
    if (m.hostOffloadedBytes) lines.push('', `**Pinned host memory (offloaded activations):** ${gib(m.hostOffloadedBytes)}`);
    const evidence = [...new Set([...m.terms, ...m.deviceTerms].map((t) => `${t.term}: ${t.provenance.status}, ${t.provenance.evidence}`))];
    lines.push('', '**How each term is known**', ...evidence.map((e) => `- ${e}`));
  } else if (b.reason) lines.push('', `_${b.reason}_`);
  if (b.fit) lines.push('', `**${b.fit.gpu}:** ${b.fit.summary}`);
  if (b.time) lines.push('', `**Step time:** ${b.time.summary}`);
  if (b.memory?.assumptions.length) lines.push('', '**Assumptions**', ...b.memory.assumptions.map((a) => `- ${a}`));
  if (b.time?.assumptions.length) lines.push('', '**Step-time assumptions**', ...b.time.assumptions.map((a) => `- ${a}`));
  if (b.inputs.length) {
    lines.push('', '**Inputs**');
    for (const i of b.inputs) lines.push(`- ${i.label}: \`${i.value}\` ${i.key ? `(from \`${i.key}\`)` : i.assumed ? `(${i.assumed})` : ''}`.trimEnd());
  }
  const others = b.problems.filter((p) => p !== b.reason);
  if (others.length) lines.push('', ...others.map((p) => `- ⚠ ${p}`));
  return lines.join('\n');
}

/** "removed 1.2 GiB", or "adds 0.1 GiB" when the switch costs memory at this shape. */
export function switchEffectText(s: SwitchEffect): string {
  return s.added_bytes > 0 ? `adds ${gib(s.added_bytes)}` : `removed ${gib(s.removed_bytes)}`;
}
