/**
 * The inline estimate: one lens above the key that selects the method (or the model, when no key
 * selects it) with trainable parameters, peak memory per GPU with its band ("≈ 24.7 GiB ± 6 %") and
 * the fit verdict.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateResult } from '../estimate/types';
import type { Span } from '../types';
import { estimate } from './estimate';
import { noEstimateDetail, noEstimateReason } from './noEstimate';
import { fitVerdict, requiredBytes, verdictWords } from './fit';
import { gib, percent, percentText, shortCount } from './units';

export interface Lens {
  span: Span;
  title: string;
  /** Hover text for the lens (the fit sentence, or why there is no estimate). */
  tooltip?: string;
}

export async function codeLensesFor(doc: ConfigDoc, ctx: Context): Promise<Lens[]> {
  if (!doc.format || !doc.root || doc.skipped) return [];
  const result = await estimate(doc, ctx);
  const span = result.plan?.method.span ?? result.plan?.model?.span ?? firstLine(doc);
  return [{ span, ...lensText(result, ctx) }];
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
    return { title: parts.join(' · '), tooltip: `${fit.summary}\n\nBand ${gib(band.low)}-${gib(band.high)}: ${band.why}.` };
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
