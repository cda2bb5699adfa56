/** The step time in one line, as the CLI text and the breakdown show it. */
import { gpuSpoken, withArticle } from '../estimate/gpuWords';
import type { TimeEstimate } from '../estimate/types';

/** Seconds per optimizer step, throughput, MFU and, once the user set a price, the cost. */
export function timeLine(t: TimeEstimate): string {
  const accumulation = t.gradient_accumulation_steps > 1 ? ` with ${t.gradient_accumulation_steps} accumulation steps` : '';
  const cost = t.cost ? `, ${t.cost.per_million_tokens.toFixed(3)} per million tokens at ${t.cost.gpu_hour_price} per GPU-hour` : '';
  return `${t.seconds_per_step.toPrecision(3)} s per step${accumulation} on ${withArticle(gpuSpoken(t.gpu))} (${Math.round(t.tokens_per_second_per_gpu).toLocaleString('en-US')} tokens/s per GPU, MFU ${Math.round(t.mfu * 100)} %${cost})`;
}
