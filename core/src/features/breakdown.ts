/**
 * The memory breakdown behind the CodeLens: parameters, peak memory by term with a bar each, the
 * assumptions, the fit verdict and the inputs, as data and as markdown. Answers with whatever the
 * estimate has: before the estimators land, only the plan's inputs and the reason.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateOverrides, EstimateResult, SwitchEffect } from '../estimate/types';
import type { EstimateInput } from './estimateInputs';
import { estimateInputs } from './estimateInputs';
import { estimate } from './estimate';
import type { FitVerdict } from './fit';
import { fitVerdict } from './fit';
import { bar, exactCount, gib, percent, percentText, shortCount } from './units';

export interface BreakdownTerm {
  term: string;
  bytes: number;
  fraction: number;
  bar: string;
}

export interface Breakdown {
  format: string | null;
  available: boolean;
  reason?: string;
  markdown: string;
  model?: EstimateResult['model'];
  method?: string;
  params?: { trainable: number; total: number; percent: number };
  memory?: { peakAllocatedBytes: number; deviceBytes: number; perGpuBytes: number; terms: BreakdownTerm[]; assumptions: string[]; switches: SwitchEffect[]; hostOffloadedBytes?: number };
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
  const out: Breakdown = { format: result.format, available: !!memory, reason, markdown: '', model: result.model, method: result.method, params, memory, fit, inputs, problems };
  out.markdown = breakdownMarkdown(out);
  return out;
}

function memoryPart(m: NonNullable<EstimateResult['memory']>): NonNullable<Breakdown['memory']> {
  const peak = m.peak_allocated_bytes || 1;
  const terms = m.breakdown.map((t) => ({ term: t.term, bytes: t.bytes, fraction: t.bytes / peak, bar: bar(t.bytes / peak) }));
  return {
    peakAllocatedBytes: m.peak_allocated_bytes,
    deviceBytes: m.device_bytes,
    perGpuBytes: m.per_gpu_bytes,
    terms,
    assumptions: m.assumptions,
    switches: m.switches ?? [],
    ...(m.host_offloaded_bytes !== undefined ? { hostOffloadedBytes: m.host_offloaded_bytes } : {}),
  };
}

export function breakdownMarkdown(b: Breakdown): string {
  const lines = [`### ${b.method ? `${b.method} on ` : ''}${b.model?.id ?? 'unknown model'}`];
  if (b.params) lines.push('', `**Trainable parameters:** ${exactCount(b.params.trainable)} of ${shortCount(b.params.total)} (${percentText(b.params.percent)})`);
  if (b.memory) {
    lines.push('', `**Peak memory per GPU:** ${gib(b.memory.peakAllocatedBytes)} allocated, ${gib(b.memory.deviceBytes)} on the device`, '');
    lines.push('| term | memory | share |', '|---|---:|---|');
    for (const t of b.memory.terms) lines.push(`| ${t.term} | ${gib(t.bytes)} | \`${t.bar}\` ${(100 * t.fraction).toFixed(1)}% |`);
    if (b.memory.switches.length) {
      lines.push('', '**What each switch removed from the peak**', '');
      for (const s of b.memory.switches) lines.push(`- ${s.switch}${s.key ? ` (\`${s.key}\`)` : ''}: ${switchEffectText(s.removed_bytes)}`);
    }
    if (b.memory.hostOffloadedBytes) lines.push('', `**Pinned host memory (offloaded activations):** ${gib(b.memory.hostOffloadedBytes)}`);
  } else if (b.reason) lines.push('', `_${b.reason}_`);
  if (b.fit) lines.push('', `**${b.fit.gpu}:** ${b.fit.summary}`);
  if (b.memory?.assumptions.length) lines.push('', '**Assumptions**', ...b.memory.assumptions.map((a) => `- ${a}`));
  if (b.inputs.length) {
    lines.push('', '**Inputs**');
    for (const i of b.inputs) lines.push(`- ${i.label}: \`${i.value}\` ${i.key ? `(from \`${i.key}\`)` : i.assumed ? `(${i.assumed})` : ''}`.trimEnd());
  }
  const others = b.problems.filter((p) => p !== b.reason);
  if (others.length) lines.push('', ...others.map((p) => `- ⚠ ${p}`));
  return lines.join('\n');
}

/** "removed 1.2 GiB", or "adds 0.1 GiB" when the switch costs memory at this shape. */
export function switchEffectText(removed: number): string {
  return removed >= 0 ? `removed ${gib(removed)}` : `adds ${gib(-removed)}`;
}
