/** The chat template: without one LLaMA-Factory quietly guesses from the tokenizer. */
import type { Rule } from '../rule';
import { Reporter } from '../rule';
import { isOn, present, setting } from './helpers';

export const template: Rule = {
  codes: { 'llamafactory/missing-template': 'Training on chat data without `template`, so LLaMA-Factory falls back to a guess.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const st = String(setting(ctx, 'stage'));
    if (st === 'pt' || !isOn(ctx, 'do_train') || present(ctx, ['template']).length) return r.issues;
    r.report(
      'llamafactory/missing-template',
      'warning',
      `\`stage: ${st}\` formats each example with a chat template, and none is set: LLaMA-Factory falls back to the tokenizer's own template, or to \`empty\` (no role markers) when the tokenizer has none. Set \`template\` to the model's family (e.g. \`llama3\`, \`qwen3\`).`,
      [ctx.config.stage === undefined ? 'do_train' : 'stage'],
    );
    return r.issues;
  },
};
