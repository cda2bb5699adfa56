/**
 * LLaMA-Adapter (`ADAPTION_PROMPT`): in each of the top `adapter_layers` attention modules, a
 * learned prompt [1, adapter_len, hidden] and a zero-initialised gate (one scalar).
 */
import type { Architecture } from '../../models/types';
import type { PeftFinding, PeftView } from './peftView';

const SUPPORTED = new Set(['llama', 'mistral', 'gpt2']);

export function adaptionPromptParams(view: PeftView, arch: Architecture): number | PeftFinding {
  if (!SUPPORTED.has(arch.modelType)) {
    return { code: 'model/unsupported-method', severity: 'error', key: 'peft_type', message: `PEFT stops with "Unsupported model type for adaption prompt": LLaMA-Adapter is implemented for llama, mistral and gpt2, not ${arch.modelType}.` };
  }
  const len = view.num('adapter_len', NaN);
  const layers = view.num('adapter_layers', NaN);
  if (!Number.isInteger(len) || !Number.isInteger(layers) || len <= 0 || layers <= 0) {
    return { code: 'model/invalid-prompt-config', severity: 'error', key: Number.isInteger(len) ? 'adapter_layers' : 'adapter_len', message: 'ADAPTION_PROMPT needs adapter_len and adapter_layers (positive whole numbers).' };
  }
  if (layers > arch.numLayers) {
    return { code: 'model/layers-out-of-range', severity: 'error', key: 'adapter_layers', message: `PEFT stops: adapter_layers is ${layers} but ${arch.className} has ${arch.numLayers} layers.` };
  }
  return layers * (len * arch.hiddenSize + 1);
}
