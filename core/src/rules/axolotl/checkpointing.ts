/** Gradient checkpointing, selective checkpointing and activation offloading rules. */
import { gcKwarg } from './facts';
import { replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const MATMUL_OPS = ['aten::mm', 'aten::addmm', 'aten::matmul', 'aten::bmm', 'aten.mm', 'aten.addmm', 'aten.matmul', 'aten.bmm'];

export const checkpointingRules = ruleFamily(
  {
    'axolotl/deprecated-checkpointing-value': '`gradient_checkpointing: offload` / `offload_disk` (deprecated spellings).',
    'axolotl/offloading-needs-checkpointing': '`activation_offloading` without `gradient_checkpointing`.',
    'axolotl/selective-needs-checkpointing': '`selective_checkpointing` without `gradient_checkpointing`.',
    'axolotl/selective-with-reentrant': '`selective_checkpointing` with `use_reentrant: true`.',
    'axolotl/selective-with-offloading': '`selective_checkpointing` with an activation offloading mode other than `hidden_states`.',
    'axolotl/selective-matmul-with-adapter': '`selective_checkpointing` saving matmul outputs while training an adapter.',
    'axolotl/reentrant-with-frozen': '`use_reentrant: true` while part of the model is frozen.',
    'axolotl/model-no-checkpointing': 'Gradient checkpointing on a model family axolotl refuses it for.',
  },
  [deprecatedValue, offloadingNeedsCheckpointing, selective, reentrantWithFrozen, modelFamilies],
);

function deprecatedValue(c: AxolotlConfig): void {
  const value = c.get('gradient_checkpointing');
  if (value !== 'offload' && value !== 'offload_disk') return;
  const offload = value === 'offload' ? true : 'disk';
  // The value is written (it is `offload`), so the replacement exists.
  const fix = replaceValueFix(c.ctx, 'gradient_checkpointing', true, `Use \`gradient_checkpointing: true\` with \`activation_offloading: ${String(offload)}\``, true)!;
  if (!c.on('activation_offloading')) fix.edits.push(...setKeyFix(c.ctx, 'activation_offloading', offload).edits);
  c.warn('axolotl/deprecated-checkpointing-value', `\`gradient_checkpointing: ${value}\` is deprecated: axolotl reads it as \`gradient_checkpointing: true\` plus \`activation_offloading: ${String(offload)}\`. Write those instead.`, 'gradient_checkpointing', 'value', [fix]);
}

function offloadingNeedsCheckpointing(c: AxolotlConfig): void {
  if (c.on('activation_offloading') && !c.on('gradient_checkpointing')) {
    c.error('axolotl/offloading-needs-checkpointing', 'Activation offloading moves the activations that gradient checkpointing keeps; axolotl refuses `activation_offloading` without `gradient_checkpointing`. Turn checkpointing on.', 'activation_offloading', 'key', [setKeyFix(c.ctx, 'gradient_checkpointing', true, true)]);
  }
}

function selective(c: AxolotlConfig): void {
  if (!c.on('selective_checkpointing')) return;
  if (!c.on('gradient_checkpointing')) {
    c.error('axolotl/selective-needs-checkpointing', '`selective_checkpointing` chooses what gradient checkpointing saves; axolotl refuses it without `gradient_checkpointing`.', 'selective_checkpointing', 'key', [setKeyFix(c.ctx, 'gradient_checkpointing', true, true)]);
  }
  if (gcKwarg(c, 'use_reentrant') === true) {
    c.error('axolotl/selective-with-reentrant', 'Selective checkpointing needs the non-reentrant implementation; axolotl refuses `use_reentrant: true` with it.', ['gradient_checkpointing_kwargs', 'use_reentrant'], 'value');
  }
  const offload = c.get('activation_offloading');
  if (c.on('activation_offloading') && offload !== 'hidden_states') {
    c.error('axolotl/selective-with-offloading', `Selective checkpointing can only be combined with \`activation_offloading: hidden_states\`; axolotl refuses \`${String(offload)}\`.`, 'activation_offloading', 'value');
  }
  const save = c.get(['selective_checkpointing', 'save']);
  const matmul = Array.isArray(save) ? save.find((op) => typeof op === 'string' && MATMUL_OPS.includes(op)) : undefined;
  if (matmul && c.on('adapter')) {
    c.error('axolotl/selective-matmul-with-adapter', `Saving \`${String(matmul)}\` outputs keeps the frozen base matmuls alive; axolotl refuses matmul ops in \`selective_checkpointing.save\` while training an adapter.`, ['selective_checkpointing', 'save'], 'value');
  }
}

function reentrantWithFrozen(c: AxolotlConfig): void {
  if (c.on('unfrozen_parameters') && gcKwarg(c, 'use_reentrant') === true) {
    c.error('axolotl/reentrant-with-frozen', 'With part of the model frozen, reentrant checkpointing computes no gradients; axolotl requires `use_reentrant: false` with `unfrozen_parameters`.', ['gradient_checkpointing_kwargs', 'use_reentrant'], 'value',
      [replaceValueFix(c.ctx, ['gradient_checkpointing_kwargs', 'use_reentrant'], false, 'Set `use_reentrant: false`', true)]);
  }
}

function modelFamilies(c: AxolotlConfig): void {
  const model = (c.str('base_model') ?? '').toLowerCase();
  if (!c.on('gradient_checkpointing')) return;
  if (model.includes('mpt')) {
    c.error('axolotl/model-no-checkpointing', 'axolotl does not support gradient checkpointing for MPT models and refuses to start. Set `gradient_checkpointing: false`.', 'gradient_checkpointing', 'value', [setKeyFix(c.ctx, 'gradient_checkpointing', false, true)]);
  } else if (model.includes('nemotron-h') && !c.on('sample_packing')) {
    c.error('axolotl/model-no-checkpointing', 'axolotl supports gradient checkpointing for Nemotron-H only with `sample_packing`; it refuses this combination. Turn on `sample_packing` or turn checkpointing off.', 'gradient_checkpointing', 'value');
  }
}
