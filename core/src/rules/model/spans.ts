/** Where a finding about a PEFT key is reported: the key's span as the plan recorded it. */
import type { ConfigDoc } from '../../document';
import { getEntry } from '../../parse/tree';
import type { TrainingPlan } from '../../plan';
import type { Span } from '../../types';

export function spanForKey(doc: ConfigDoc, plan: TrainingPlan, key: string | undefined): Span {
  return keySpans(doc, plan, key)?.value ?? plan.method.span ?? plan.model?.span ?? { start: 0, end: 0 };
}

/** The span of the key's value, and of its whole entry (key through value) when the file has one. */
export function keySpans(doc: ConfigDoc, plan: TrainingPlan, key: string | undefined): { value: Span; entry: Span } | undefined {
  if (!key) return undefined;
  const sourced = plan.peftSources?.[key] ?? plan.extra?.[key];
  // An adapter_config.json is the PEFT config itself: its keys are the PEFT keys.
  const entry = plan.format === 'peft-adapter' ? getEntry(doc.root, [key]) : undefined;
  const value = sourced?.span ?? entry?.value?.span ?? entry?.key.span;
  if (!value) return undefined;
  return { value, entry: entry ? { start: entry.key.span.start, end: Math.max(value.end, entry.key.span.end) } : value };
}

export function modelSpan(plan: TrainingPlan): Span {
  return plan.model?.span ?? plan.method.span ?? { start: 0, end: 0 };
}
