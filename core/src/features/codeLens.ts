/**
 * The inline estimate: one lens above the key that selects the method (or the model, when no key
 * selects it) with trainable parameters, peak memory per GPU with its band ("≈ 24.7 GiB ± 6 %") and
 * the fit verdict; a file with errors (what its tool refuses to start on) gets no verdict, only the errors.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateResult } from '../estimate/types';
import { FORMATS } from '../formats/registry';
import type { Issue, Span } from '../types';
import { check } from './check';
import { estimate } from './estimate';
import { noEstimateDetail, noEstimateReason } from './noEstimate';
import { fitVerdict, requiredBytes, verdictWords } from './fit';
import { shardingOnAssumedGpu, shardingWords } from './multiGpu';
import { gib, percent, percentText, shortCount } from './units';

export interface Lens {
  span: Span;
  title: string;
  /** Hover text for the lens (the fit sentence, or why there is no estimate). */
  tooltip?: string;
}

/** `issues`: the document's check result when the caller has it already (the server's cache). */
export async function codeLensesFor(doc: ConfigDoc, ctx: Context, issues?: Issue[]): Promise<Lens[]> {
  if (!doc.format || !doc.root || doc.skipped) return [];
  const result = await estimate(doc, ctx);
  const span = lensSpan(doc, result);
  // An error is something the tool refuses to start on: a fit verdict for a run that never starts misleads.
  const errors = (issues ?? (await check(doc, ctx))).filter((i) => i.severity === 'error');
  if (errors.length) return [{ span, ...blockedText(result, errors, FORMATS[doc.format].label) }];
  return [{ span, ...lensText(result, ctx) }];
}

/** Where the lens sits: the key that selects the method, else the model's, else the first line. */
export function lensSpan(doc: ConfigDoc, result: EstimateResult): Span {
  return result.plan?.method.span ?? result.plan?.model?.span ?? firstLine(doc);
}

function blockedText(result: EstimateResult, errors: Issue[], tool: string): { title: string; tooltip: string } {
  const count = errors.length === 1 ? '1 error stops' : `${errors.length} errors stop`;
  const more = errors.length > 3 ? `\n\n… and ${errors.length - 3} more (see the Problems panel).` : '';
  return {
    title: `${result.method ?? 'unknown method'} · ✗ ${count} ${tool}: no estimate until fixed`,
    tooltip: errors.slice(0, 3).map((e) => e.message).join('\n\n') + more,
  };
}

function lensText(result: EstimateResult, ctx: Context): { title: string; tooltip?: string } {
  const parts = [result.method ?? 'unknown method'];
  if (result.params) {
    parts.push(`${shortCount(result.params.trainable)} trainable (${percentText(percent(result.params.trainable, result.params.total))})`);
  }
  if (result.memory) {
    const gpus = result.plan?.training.gpus?.value ?? ctx.settings.gpuCount;
    const fit = fitVerdict(result.memory, ctx.settings, ctx.settings.gpu, gpus);
    parts.push(`peak ≈ ${gib(requiredBytes(result.memory))} ± ${fit.bandPercent ?? 0} % per GPU`, `${ICON[fit.verdict]} ${verdictWords(fit.verdict)} ${fit.gpu}`);
    const band = result.memory.band;
    const unsharded = result.plan && shardingOnAssumedGpu(result.plan, ctx.settings);
    if (unsharded) parts.push(`assumed 1 GPU, ${shardingWords(unsharded)} shards across N`);
    const setGpus = unsharded ? '\n\nState the GPU count for this file with `# peft-lens: gpus=N` as its first line (a quick fix on the sharding key writes it).' : '';
    const howToFit = fit.verdict === 'does-not-fit' || fit.verdict === 'too-close-to-call' ? '\n\nThe quick fixes on this line (Ctrl+.) are the changes that make it fit, each with the peak of the edited file.' : '';
    return { title: parts.join(' · '), tooltip: `${fit.summary}\n\nBand ${gib(band.low)}-${gib(band.high)}: ${band.why}.${setGpus}${howToFit}` };
  }
  // Say why there is no estimate in the lens itself (model not found, ...), not only in its tooltip.
  if (!result.params) parts.push(`no estimate: ${noEstimateReason(result)}`);
  return { title: parts.join(' · '), tooltip: noEstimateDetail(result) };
}

const ICON = { fits: '✓', 'too-close-to-call': '⚠', 'does-not-fit': '✗', unknown: '?' } as const;

function firstLine(doc: ConfigDoc): Span {
  const end = doc.text.indexOf('\n');
  return { start: 0, end: end < 0 ? doc.text.length : end };
}
