/** `peft-lens estimate`: what the config trains and what it needs, as text or JSON. */
import type { Context, EstimateOverrides, EstimateResult } from '../../core/src/index';
import { bandPercent, estimate, openDocument, sourceText, timeLine } from '../../core/src/index';
import { readConfigFile } from './boundary';

export async function estimateFile(path: string, ctx: Context, overrides: EstimateOverrides): Promise<EstimateResult> {
  const { text, size } = await readConfigFile(path, ctx.settings.maxFileBytes);
  return estimate(openDocument(path, text, ctx.settings, undefined, size), ctx, overrides);
}

/** The JSON contract: the estimate without the plan's internal spans. */
export function estimateJson(result: EstimateResult): string {
  const { plan: _plan, issues, ...rest } = result;
  return JSON.stringify({ ...rest, issues: issues.map(({ code, severity, message }) => ({ code, severity, message })) }, null, 2);
}

export function estimateText(result: EstimateResult): string {
  const lines = [`${result.path} (${result.format ?? 'not a recognised config'})`];
  if (result.model) lines.push(`  model:     ${result.model.id}${result.model.architecture ? ` (${result.model.architecture}, ${sourceText(result.model)})` : ''}`);
  if (result.method) lines.push(`  method:    ${result.method}`);
  if (result.params) {
    const pct = result.params.total ? ((100 * result.params.trainable) / result.params.total).toFixed(4) : '0';
    lines.push(`  trainable: ${result.params.trainable.toLocaleString('en-US')} of ${result.params.total.toLocaleString('en-US')} parameters (${pct} %)`);
  }
  const m = result.memory;
  if (m) {
    lines.push(`  peak GPU memory: ${gib(m.peak_allocated_bytes)} allocated, ${gib(m.device_bytes)} on the device, ≈ ${gib(m.per_gpu_bytes)} ± ${bandPercent(m.band, m.per_gpu_bytes)} % per GPU`);
    lines.push(`  band: ${gib(m.band.low)} to ${gib(m.band.high)} per GPU (${m.band.why})`);
    for (const t of [...m.breakdown, ...(m.device_breakdown ?? [])]) lines.push(`    ${t.term.padEnd(40)} ${gib(t.bytes).padStart(10)}  ${t.provenance.status}: ${t.provenance.evidence}`);
    for (const s of m.switches ?? []) {
      const what = s.added_bytes > 0 ? `adds ${gib(s.added_bytes)}` : `removed ${gib(s.removed_bytes)}`;
      lines.push(`    switch: ${s.switch}${s.key ? ` (${s.key})` : ''} ${what}`);
    }
    if (m.host_offloaded_bytes) lines.push(`    pinned host memory (offloaded activations): ${gib(m.host_offloaded_bytes)}`);
    if (m.fit && m.gpu) lines.push(`  ${m.gpu.name}: ${m.fit.message}`);
    if (m.largest_basis) lines.push(`  largest micro-batch ${m.largest_micro_batch ?? 'none'}, largest sequence length ${m.largest_sequence_length ?? 'none'} (${m.largest_basis})`);
    for (const a of m.assumptions) lines.push(`    assumed: ${a}`);
  }
  if (result.time) lines.push(`  step time: ${timeLine(result.time)}`);
  for (const issue of result.issues) lines.push(`  ${issue.severity}: [${issue.code}] ${issue.message}`);
  return lines.join('\n');
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}
