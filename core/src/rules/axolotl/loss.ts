/** Cross-entropy implementations: only one may be on, and Cut Cross Entropy needs half precision. */
import { hasPlugin } from './facts';
import { setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const CCE_PLUGIN = 'axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin';
const CE_OPTIONS = ['cut_cross_entropy', 'chunked_cross_entropy', 'liger_cross_entropy', 'liger_fused_linear_cross_entropy'];

export const lossRules = ruleFamily(
  {
    'axolotl/multiple-cross-entropy': 'More than one cross-entropy implementation turned on.',
    'axolotl/cce-needs-half-precision': 'Cut Cross Entropy without bf16 or fp16.',
    'axolotl/cce-chunk-size': 'An invalid `cut_cross_entropy_c_grad_chunk_size`.',
  },
  [multiple, cceHalf, cceChunk],
);

function multiple(c: AxolotlConfig): void {
  const on = CE_OPTIONS.filter((k) => c.on(k));
  if (on.length === 1 && on[0] === 'chunked_cross_entropy' && hasPlugin(c, CCE_PLUGIN)) {
    c.error('axolotl/multiple-cross-entropy', 'The Cut Cross Entropy plugin replaces the loss itself and refuses `chunked_cross_entropy`. Remove one of them.', 'chunked_cross_entropy');
  } else if (on.length > 1) {
    c.error('axolotl/multiple-cross-entropy', `Only one cross-entropy implementation can be on; axolotl refuses ${on.map((k) => `\`${k}\``).join(' and ')} together. Keep one.`, on[1]);
  }
}

function cceHalf(c: AxolotlConfig): void {
  // The plugin's check reads the raw file: an unset bf16 does not count as its `auto` default here.
  if (hasPlugin(c, CCE_PLUGIN) && c.on('cut_cross_entropy') && !c.on('bf16') && !c.on('fp16')) {
    c.error('axolotl/cce-needs-half-precision', 'Cut Cross Entropy\'s backward pass needs fp16 or bf16 training; its plugin refuses to start otherwise. Set `bf16: true` (or `fp16: true`).', 'cut_cross_entropy', 'key', [setKeyFix(c.ctx, 'bf16', true, true)]);
  }
}

function cceChunk(c: AxolotlConfig): void {
  const chunk = c.get('cut_cross_entropy_c_grad_chunk_size');
  if (!hasPlugin(c, CCE_PLUGIN) || chunk === undefined || chunk === null || chunk === 0) return;
  if (chunk !== 'auto' && (typeof chunk !== 'number' || chunk < 0 || chunk % 128 !== 0)) {
    c.error('axolotl/cce-chunk-size', '`cut_cross_entropy_c_grad_chunk_size` must be `auto` or a positive multiple of 128; the plugin refuses other values.', 'cut_cross_entropy_c_grad_chunk_size', 'value');
  } else if (!c.on('cut_cross_entropy_accum_c_fp32')) {
    c.error('axolotl/cce-chunk-size', '`cut_cross_entropy_c_grad_chunk_size` bounds the fp32 gradient accumulator, so the plugin requires `cut_cross_entropy_accum_c_fp32: true`.', 'cut_cross_entropy_c_grad_chunk_size', 'key', [setKeyFix(c.ctx, 'cut_cross_entropy_accum_c_fp32', true, true)]);
  }
}
