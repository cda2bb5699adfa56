/** The chat template: without one LLaMA-Factory quietly guesses from the tokenizer. */
import type { Rule } from '../rule';
import { Reporter, isOn, isSet, writtenOr } from '../rule';
import { setting } from './helpers';

export const template: Rule = {
  codes: { 'llamafactory/missing-template': 'Training on chat data without `template`, so LLaMA-Factory falls back to a guess.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const st = String(setting(ctx, 'stage'));
    if (st === 'pt' || !isOn(ctx, 'do_train') || isSet(ctx, 'template')) return r.issues;
    r.report(
      'llamafactory/missing-template',
      'warning',
      `\`stage: ${st}\` formats each example with a chat template, and none is set: LLaMA-Factory falls back to the tokenizer's own template, or to \`empty\` (no role markers) when the tokenizer has none. Set \`template\` to the model's family (e.g. \`llama3\`, \`qwen3\`).`,
      writtenOr(ctx.config, 'stage', 'do_train'),
    );
    return r.issues;
  },
};
