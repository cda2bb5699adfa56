/** Attention backend rules: `attn_implementation` values, legacy flags, and what needs flash attention. */
import { suggest } from '../../schema/suggest';
import { ATTENTION_ALIASES, attentionOf, CANONICAL_ATTENTION, FLASH_ATTENTION, LEGACY_ATTENTION_FLAGS } from './facts';
import { removeKeyFix, replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const LARGE_HEAD_POLICIES = ['auto', 'sdpa', 'triton_flash'];

export const attentionRules = ruleFamily(
  {
    'axolotl/invalid-attn-implementation': 'An `attn_implementation` axolotl does not accept.',
    'axolotl/attn-with-legacy-flags': '`attn_implementation` together with a legacy attention flag.',
    'axolotl/gemma4-hybrid-attn': '`gemma4_hybrid_attn_impl` with a backend other than `flash_attention_2`.',
    'axolotl/invalid-large-head-attention': 'A `large_head_attention` policy axolotl does not know.',
    'axolotl/scaling-softmax-needs-flex': '`scaling_softmax` without `attn_implementation: flex_attention`.',
    'axolotl/context-parallel-needs-flash': '`context_parallel_size` above 1 without a flash-attention backend.',
    'axolotl/context-parallel-packing-batch': 'Context parallelism with packing and `micro_batch_size` above 1.',
  },
  [implementation, legacyFlags, gemma4Hybrid, largeHead, scalingSoftmax, contextParallel],
);

function implementation(c: AxolotlConfig): void {
  const value = c.get('attn_implementation');
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    c.error('axolotl/invalid-attn-implementation', '`attn_implementation` must be a backend name; axolotl refuses anything else.', 'attn_implementation', 'value');
    return;
  }
  if (CANONICAL_ATTENTION.includes(value) || value.includes('/')) return;
  const alias = ATTENTION_ALIASES[value];
  const near = alias ? [alias] : suggest(value, CANONICAL_ATTENTION);
  const hint = alias ? `the short form \`${value}\` is refused; write \`${alias}\`` : `it is neither a backend axolotl knows (${CANONICAL_ATTENTION.map((a) => `\`${a}\``).join(', ')}) nor a Hub kernel path containing \`/\``;
  c.error('axolotl/invalid-attn-implementation', `\`attn_implementation: ${value}\` is not accepted: ${hint}. axolotl refuses to start.`, 'attn_implementation', 'value',
    near.map((n, i) => replaceValueFix(c.ctx, 'attn_implementation', n, `Change to \`${n}\``, i === 0 && near.length === 1)));
}

function legacyFlags(c: AxolotlConfig): void {
  const impl = c.get('attn_implementation');
  if (!impl) return;
  for (const [flag, mapped] of LEGACY_ATTENTION_FLAGS) {
    if (!c.on(flag)) continue;
    c.error('axolotl/attn-with-legacy-flags', `\`${flag}\` (the old spelling of \`attn_implementation: ${mapped}\`) cannot be combined with \`attn_implementation\`; axolotl refuses both. Remove \`${flag}\`.`, flag, 'key', [removeKeyFix(c.ctx, flag, true)]);
  }
}

function gemma4Hybrid(c: AxolotlConfig): void {
  const impl = c.str('attn_implementation');
  if (c.on('gemma4_hybrid_attn_impl') && impl && impl !== 'flash_attention_2') {
    c.error('axolotl/gemma4-hybrid-attn', `Gemma 4 hybrid attention runs the sliding-window layers under FlashAttention-2, so axolotl refuses \`attn_implementation: ${impl}\` with \`gemma4_hybrid_attn_impl\`. Use \`flash_attention_2\` (or leave it empty).`, 'attn_implementation', 'value',
      [replaceValueFix(c.ctx, 'attn_implementation', 'flash_attention_2', 'Change to `flash_attention_2`', true)]);
  }
}

function largeHead(c: AxolotlConfig): void {
  const value = c.get('large_head_attention');
  if (typeof value === 'string' && !LARGE_HEAD_POLICIES.includes(value.toLowerCase())) {
    c.error('axolotl/invalid-large-head-attention', `\`large_head_attention\` must be \`auto\`, \`sdpa\` or \`triton_flash\`; axolotl refuses \`${value}\`.`, 'large_head_attention', 'value');
  }
}

function scalingSoftmax(c: AxolotlConfig): void {
  if (c.on('scaling_softmax') && attentionOf(c) !== 'flex_attention') {
    c.error('axolotl/scaling-softmax-needs-flex', 'Scalable-Softmax is implemented on FlexAttention; axolotl refuses `scaling_softmax` without `attn_implementation: flex_attention`.', 'scaling_softmax', 'key', [setKeyFix(c.ctx, 'attn_implementation', 'flex_attention', true)]);
  }
}

function contextParallel(c: AxolotlConfig): void {
  const key = c.set('context_parallel_size') ? 'context_parallel_size' : 'sequence_parallel_degree';
  const size = c.num(key);
  if (!size || size <= 1) return;
  const attn = attentionOf(c);
  if (!attn || !FLASH_ATTENTION.has(attn)) {
    c.error('axolotl/context-parallel-needs-flash', `Ring attention for \`${key}: ${size}\` is built on flash-attn; axolotl refuses it with ${attn ? `\`${attn}\`` : 'no attention backend set'}. Set \`attn_implementation: flash_attention_2\`.`, key, 'key', [setKeyFix(c.ctx, 'attn_implementation', 'flash_attention_2', true)]);
  }
  const micro = c.num('micro_batch_size');
  if (c.on('sample_packing') && micro && micro > 1) {
    c.error('axolotl/context-parallel-packing-batch', `With sample packing, ring-flash-attn needs \`micro_batch_size: 1\`; axolotl refuses ${micro} with \`${key}: ${size}\`. Raise \`gradient_accumulation_steps\` instead.`, 'micro_batch_size', 'value', [setKeyFix(c.ctx, 'micro_batch_size', 1, true)]);
  }
}
