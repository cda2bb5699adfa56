/**
 * Hover on a key the estimate reads (rank, targets, batch, sequence length, precision, the method
 * key): trainable parameters and peak memory, with the inputs they were computed from.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { Path } from '../parse/tree';
import type { TrainingPlan } from '../plan';
import { estimate } from './estimate';
import { computedFrom, estimateInputs } from './estimateInputs';
import { fitVerdict, requiredBytes } from './fit';
import { noEstimateReason } from './noEstimate';
import { exactCount, gib, percent, percentText, shortCount } from './units';

export async function estimateSection(doc: ConfigDoc, plan: TrainingPlan, keyPath: Path, ctx: Context): Promise<string> {
  const key = keyPath.join('.');
  const inputs = estimateInputs(plan);
  if (!inputs.some((i) => i.key === key && i.field !== 'model')) return '';
  const result = await estimate(doc, ctx);
  const lines: string[] = [];
  if (result.params) {
    const { trainable, total } = result.params;
    lines.push(`**Trainable parameters:** ${exactCount(trainable)} of ${shortCount(total)} (${percentText(percent(trainable, total))})`);
  }
  if (result.memory) {
    const gpus = plan.training.gpus?.value ?? ctx.settings.gpuCount;
    const fit = fitVerdict(result.memory, ctx.settings, ctx.settings.gpu, gpus);
    const band = result.memory.band;
    lines.push(`**Peak memory per GPU:** ${gib(result.memory.peak_allocated_bytes)} allocated, ≈ ${gib(requiredBytes(result.memory))} ± ${fit.bandPercent ?? 0} % on the device — ${fit.summary}`);
    lines.push('', `**Band:** ${gib(band.low)}-${gib(band.high)}: ${band.why}.`);
  }
  if (lines.length === 0) {
    const why = result.issues[0]?.code === 'estimate/unknown-model' ? `${noEstimateReason(result)} (the information on the model key says how to add it)` : noEstimateReason(result);
    return `_No estimate: ${why.replace(/\.$/, '')}._`;
  }
  lines.push('', `_${capitalise(computedFrom(estimateInputs(result.plan ?? plan)))}._`);
  return lines.join('\n');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
