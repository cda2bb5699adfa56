/**
 * What PEFT adapters keep for backward, beyond what the base layer keeps: per token (their input
 * copies and small intermediates) and per layer (dense delta weights, cast projections).
 */
import type { ElementBytes, Keep } from './layerActivations';
import { counted } from './mechanisms';
import type { AdaptedLinear } from './method';
import type { InputGroup } from './roles';

/**
 * A PEFT LoRA-family Linear casts its input to the adapter dtype (fp32); under autocast lora_A then
 * makes and keeps its own compute-dtype copy. Dropout adds a one-byte mask, kept only when the input
 * requires grad (`inputGrad`: only the input's gradient needs it). DoRA keeps the base and adapter
 * outputs for the magnitude's grad. IA3 keeps the tensor it scales.
 */
export function adapterSaves(keep: Keep, a: AdaptedLinear, group: InputGroup, width: number, bytes: ElementBytes, inputGrad: boolean): void {
  if (a.kind === 'ia3-output') return keep(`${a.name}.out`, bytes.act * a.outFeatures, '(IA)³ and VeRA saves');
  if (a.kind === 'ia3-input') return keep(`${a.name}.in32`, 4 * a.inFeatures, '(IA)³ and VeRA saves');
  const copy = bytes.adapterCopy || bytes.act;
  if (a.kind === 'vera') {
    // The projections are frozen: the scaled rank-r product and the scaled output are kept, not the input.
    keep(`${a.name}.mid`, copy * a.r, '(IA)³ and VeRA saves');
    return keep(`${a.name}.out`, bytes.act * a.outFeatures, '(IA)³ and VeRA saves');
  }
  if (bytes.adapterCopy) keep(`${a.name}.in`, bytes.adapterCopy * a.inFeatures, 'adapter input copy');
  else if (a.dropout > 0) keep(`${a.name}.dropped`, bytes.act * a.inFeatures, 'adapter dropout');
  else keep(group, bytes.act * width, 'trained linear inputs');
  if (a.dropout > 0 && inputGrad) keep(`${a.name}.mask`, a.inFeatures, 'adapter dropout');
  if (a.kind === 'lora' || a.kind === 'dora') keep(`${a.name}.mid`, copy * a.r, 'adapter rank intermediate');
  if (a.kind === 'dora') {
    keep(`${a.name}.base`, bytes.act * a.outFeatures, 'DoRA outputs');
    keep(`${a.name}.lora`, copy * a.outFeatures, 'DoRA outputs');
  }
}

/**
 * Per-layer bytes adapters keep that do not scale with tokens: LoHa/LoKr's dense delta weight (kept by
 * the matmul that applies it), VeRA's compute-dtype casts of its frozen projections.
 */
export function layerAdapterWeightsSaved(adapters: AdaptedLinear[], copyBytes: number): number {
  const dense = adapters.reduce((s, a) => {
    if (a.kind === 'loha' || a.kind === 'lokr') return s + copyBytes * a.inFeatures * a.outFeatures;
    if (a.kind === 'vera') return s + copyBytes * a.r * (a.inFeatures + a.outFeatures);
    return s;
  }, 0);
  return counted('dense adapter deltas', dense);
}
