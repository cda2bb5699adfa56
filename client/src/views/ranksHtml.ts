/** The rank comparison as a table: trainable parameters, peak memory and the GPU verdict per LoRA rank. */
import type { CompareRanksResponse } from '../../../server/src/protocol';
import { count, escapeHtml as esc, gib, percentText } from '../format';

export function ranksHtml(c: CompareRanksResponse, fileName: string, gpu: string): string {
  const head = `<h2>Adapter rank: r = 4 … 256</h2><p class="sub">${esc(fileName)} · on ${esc(gpu)}${c.currentRank !== undefined ? ` · the file sets r = ${c.currentRank}` : ''}</p>`;
  if (!c.available && c.rows.length === 0) return `${head}<p class="reason">${esc(c.reason ?? 'No rank to compare.')}</p>`;
  const dash = '–';
  const rows = c.rows.map((row) => {
    const cells = [
      row.current ? `${row.r} ◀` : String(row.r),
      row.trainable !== undefined ? count(row.trainable) : dash,
      row.percent !== undefined ? percentText(row.percent) : dash,
      row.peakAllocatedBytes !== undefined ? gib(row.peakAllocatedBytes) : dash,
      row.deviceBytes !== undefined ? gib(row.deviceBytes) : dash,
    ];
    // The verdict in words ("does not fit"), in a cell that may wrap rather than be cut off.
    const verdict = row.verdict ? `<td class="fit ${esc(row.verdict)}">${esc(row.verdict.replace(/-/g, ' '))}</td>` : `<td>${dash}</td>`;
    return `<tr class="rank${row.current ? ' current' : ''}">${cells.map((c) => `<td class="num">${c}</td>`).join('')}${verdict}</tr>`;
  });
  const table = '<table><thead><tr><th>r</th><th>trainable</th><th>% of all</th><th>peak allocated</th><th>on device</th><th>fit</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`;
  return `${head}<div class="scroll">${table}</div>${c.reason ? `<p class="reason">${esc(c.reason)}</p>` : ''}`;
}
