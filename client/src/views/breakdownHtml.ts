/** The memory breakdown as a page: parameters, a bar per memory term, the GPU verdict, assumptions and inputs. */
import type { BreakdownResponse, EstimateInput, FitVerdict } from '../../../server/src/protocol';
import { count, escapeHtml as esc, gib, inlineHtml, percentText, size } from '../format';

export function breakdownHtml(b: BreakdownResponse, fileName: string): string {
  const title = `${b.method ? `${esc(b.method)} on ` : ''}${esc(b.model?.id ?? 'unknown model')}`;
  const parts = [`<h2>${title}</h2>`, `<p class="sub">${esc(fileName)}${b.format ? ` · ${esc(b.format)}` : ''}</p>`];
  if (b.modelSource) parts.push(`<p class="sub">Model numbers from the ${esc(b.modelSource)}</p>`);
  if (b.params) {
    parts.push(`<p class="headline">Trainable parameters: <b>${count(b.params.trainable)}</b> of ${count(b.params.total)} (${percentText(b.params.percent)})</p>`);
  }
  if (b.memory) {
    const m = b.memory;
    parts.push(`<p class="headline">Peak memory per GPU: <b>${gib(m.peakAllocatedBytes)}</b> allocated, ≈ ${gib(m.perGpuBytes)} ± ${b.fit?.bandPercent ?? 0} % on the device</p>`);
    parts.push(`<p class="sub">Band ${gib(m.band.low)}–${gib(m.band.high)}: ${inlineHtml(m.band.why)}.</p>`);
    parts.push(chart(m.terms));
  } else {
    parts.push(`<p class="reason">${inlineHtml(b.reason ?? 'No memory estimate for this file.')}</p>`);
  }
  if (b.fit) parts.push(fit(b.fit));
  if (b.time) parts.push(`<p class="headline">Step time: ${inlineHtml(b.time.summary)}</p>`);
  if (b.memory?.assumptions.length) parts.push('<h3>Assumptions</h3>', list(b.memory.assumptions.map(inlineHtml)));
  if (b.time?.assumptions.length) parts.push('<h3>Step-time assumptions</h3>', list(b.time.assumptions.map(inlineHtml)));
  if (b.inputs.length) parts.push('<h3>Inputs</h3>', list(b.inputs.map(input)));
  const others = b.problems.filter((p) => p !== b.reason);
  if (others.length) parts.push('<h3>Not estimated</h3>', list(others.map(inlineHtml)));
  return parts.join('\n');
}

function chart(terms: NonNullable<BreakdownResponse['memory']>['terms']): string {
  // A term of no bytes (a switch that removed it) is not a row; small ones show in MiB.
  const rows = terms.filter((t) => t.bytes > 0).map((t) => {
    const width = Math.max(0, Math.min(100, 100 * t.fraction)).toFixed(1);
    return `<div class="term"><span class="name">${esc(t.term)}</span><div class="track"><div class="fill" style="width:${width}%"></div></div>` +
      `<span class="bytes">${size(t.bytes)}</span><span class="share">${(100 * t.fraction).toFixed(1)}%</span>` +
      `<span class="known" title="${esc(t.provenance.evidence)}">${esc(t.provenance.status)}</span></div>`;
  });
  return `<div class="chart" role="table" aria-label="memory by term">${rows.join('')}</div>`;
}

/** The verdict's sentence names the GPU (and the count) itself. */
function fit(f: FitVerdict): string {
  return `<p class="headline"><span class="${esc(f.verdict)}">${inlineHtml(f.summary)}</span></p>`;
}

function input(i: EstimateInput): string {
  const origin = i.key ? `from <code>${esc(i.key)}</code>` : i.assumed ? inlineHtml(i.assumed) : '';
  return `${esc(i.label)}: <code>${esc(i.value)}</code>${origin ? ` <span class="sub">(${origin})</span>` : ''}`;
}

function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}
