/**
 * Opt-in inlay hints with what a line costs, so a user sees while typing what one more target module or
 * a higher rank buys: after each entry of an explicit `target_modules` list, the trainable parameters and
 * peak memory that entry adds (the estimate without it, subtracted from the file's); after the rank, what
 * it adds over half that rank. Each figure is the estimator's own, re-run with one input changed.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { EstimateResult } from '../estimate/types';
import type { Node } from '../parse/tree';
import type { Span } from '../types';
import { estimate } from './estimate';
import { gib, shortCount } from './units';

export interface InlayHint {
  /** Where the hint sits: the end of the value it is about. */
  offset: number;
  label: string;
  tooltip: string;
}

export async function inlayHints(doc: ConfigDoc, ctx: Context, range?: Span): Promise<InlayHint[]> {
  if (!ctx.settings.inlayHints || !doc.format || !doc.root || doc.skipped) return [];
  const base = await estimate(doc, ctx);
  if (!base.params || !base.plan?.peft) return [];
  const visible = (s: Span | undefined): s is Span => !!s && (!range || (s.end >= range.start && s.start <= range.end));
  const hints: InlayHint[] = [];
  const targets = base.plan.peft.target_modules;
  const listSpan = base.plan.peftSources?.target_modules?.span;
  if (Array.isArray(targets) && targets.length > 1 && listSpan) {
    for (const item of listItems(doc.root, listSpan)) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || !targets.includes(item.value) || !visible(item.span)) continue;
      const without = await estimate(doc, ctx, { targetModules: targets.filter((t) => t !== item.value) });
      const label = costLabel(base, without);
      if (label) hints.push({ offset: item.span.end, label, tooltip: `What \`${item.value}\` adds: the estimate with it, minus the estimate without it.` });
    }
  }
  const r = base.plan.peft.r;
  const rankSpan = base.plan.peftSources?.r?.span;
  if (typeof r === 'number' && Number.isInteger(r) && r >= 2 && visible(rankSpan)) {
    const half = Math.floor(r / 2);
    const label = costLabel(base, await estimate(doc, ctx, { rank: half }));
    if (label) hints.push({ offset: rankSpan.end, label: `${label} over r=${half}`, tooltip: `What rank ${r} adds over rank ${half}, all else equal.` });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/** `+4.2M params · +0.31 GiB`, or nothing when the other estimate could not be made. */
function costLabel(withIt: EstimateResult, without: EstimateResult): string | undefined {
  if (!withIt.params || !without.params) return undefined;
  const params = withIt.params.trainable - without.params.trainable;
  const parts = [`${params >= 0 ? '+' : '−'}${shortCount(Math.abs(params))} params`];
  if (withIt.memory && without.memory) {
    const bytes = withIt.memory.peak_allocated_bytes - without.memory.peak_allocated_bytes;
    parts.push(`${bytes >= 0 ? '+' : '−'}${gib(Math.abs(bytes))}`);
  }
  return parts.join(' · ');
}

/** The items of the list whose value starts at `span` (the plan records where target_modules was written). */
function listItems(root: Node, span: Span): Node[] {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'seq' && node.span.start === span.start) return node.items;
    if (node.kind === 'map') for (const e of node.entries) if (e.value) stack.push(e.value);
    if (node.kind === 'seq') stack.push(...node.items);
  }
  return [];
}
