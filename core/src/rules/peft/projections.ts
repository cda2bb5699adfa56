/**
 * Methods built on frozen random or precomputed tensors that can leave them out of the checkpoint; PEFT
 * warns, because regenerating them from a seed is not guaranteed to give the same tensors everywhere.
 */
import { peftRule, peftTypeOf } from './peftRule';

const SAVE_KEYS: Record<string, string> = {
  VERA: 'save_projection', PVERA: 'save_projection', RANDLORA: 'save_projection', TINYLORA: 'save_projection',
  SUPERTUNING: 'save_precomputed_indices',
};

export const projectionsRule = peftRule(
  Object.keys(SAVE_KEYS),
  { 'peft/frozen-tensors-not-saved': 'The frozen projections/indices are not stored in the checkpoint (PEFT warns).' },
  (r, config) => {
    const key = SAVE_KEYS[peftTypeOf(config) ?? ''];
    if (config[key] === false) {
      r.report('peft/frozen-tensors-not-saved', 'warning', `With \`${key}: false\` the checkpoint leaves out tensors that must be regenerated when loading, which is not guaranteed to reproduce them on other hardware or library versions; PEFT warns. Keep \`${key}: true\` unless file size matters more.`, [key], 'value');
    }
  },
);
