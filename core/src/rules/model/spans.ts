/** Where a finding about a PEFT key is reported: the key's span as the plan recorded it. */
import type { ConfigDoc } from '../../document';
import { getEntry } from '../../parse/tree';
import type { TrainingPlan } from '../../plan';
import type { Span } from '../../types';

export function spanForKey(doc: ConfigDoc, plan: TrainingPlan, key: string | undefined): Span {
  if (key) {
    const sourced = plan.peftSources?.[key] ?? plan.extra?.[key];
    if (sourced?.span) return sourced.span;
    // An adapter_config.json is the PEFT config itself: its keys are the PEFT keys.
    if (plan.format === 'peft-adapter') {
      const entry = getEntry(doc.root, [key]);
      if (entry) return entry.key.span;
    }
  }
  return plan.method.span ?? plan.model?.span ?? { start: 0, end: 0 };
}

export function modelSpan(plan: TrainingPlan): Span {
  return plan.model?.span ?? plan.method.span ?? { start: 0, end: 0 };
}
