/** LLaMA-Factory v1 (plugin layout) training checks (v1 TrainingArguments.__post_init__). */
import type { Rule } from '../rule';
import { Reporter } from '../rule';

export const v1Training: Rule = {
  codes: { 'llamafactory/v1-dynamic-batching': '`batching_strategy: dynamic_batching` without `max_steps`, or with `save_epochs`.' },
  check(ctx) {
    const r = new Reporter(ctx);
    if (ctx.config.batching_strategy !== 'dynamic_batching') return r.issues;
    const steps = ctx.config.max_steps;
    if (typeof steps !== 'number' || steps <= 0) {
      r.report('llamafactory/v1-dynamic-batching', 'error', 'Dynamic batching sizes batches by tokens, so the number of batches per epoch is unknown: LLaMA-Factory requires a positive `max_steps`. Add it.', ['batching_strategy'], 'value');
    }
    if (ctx.config.save_epochs !== undefined && ctx.config.save_epochs !== null) {
      r.report('llamafactory/v1-dynamic-batching', 'error', '`save_epochs` is not supported with dynamic batching; LLaMA-Factory stops. Use `save_steps`.', ['save_epochs']);
    }
    return r.issues;
  },
};
