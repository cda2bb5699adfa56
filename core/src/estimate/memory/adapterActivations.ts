/**
 * What PEFT adapters keep for backward, beyond what the base layer keeps: per token (their input
 * copies and small intermediates) and per layer (dense delta weights, cast projections).
 */
import type { ElementBytes, Keep } from './layerActivations';
import type { AdaptedLinear } from './method';
import type { InputGroup } from './roles';

/**
 * A PEFT LoRA-family Linear casts its input to the adapter dtype (fp32); under autocast lora_A then
 * makes and keeps its own compute-dtype copy. Dropout adds a one-byte mask. DoRA keeps the base and
 * adapter outputs for the magnitude's grad. IA3 keeps the tensor it scales.
 */
export function adapterSaves(keep: Keep, a: AdaptedLinear, group: InputGroup, width: number, bytes: ElementBytes): void {
  if (a.kind === 'ia3-output') return keep(`${a.name}.out`, bytes.act * a.outFeatures);
  if (a.kind === 'ia3-input') return keep(`${a.name}.in32`, 4 * a.inFeatures);
  const copy = bytes.adapterCopy || bytes.act;
  if (a.kind === 'vera') {
    // The projections are frozen: the scaled rank-r product and the scaled output are kept, not the input.
    keep(`${a.name}.mid`, copy * a.r);
    return keep(`${a.name}.out`, bytes.act * a.outFeatures);
  }
  if (bytes.adapterCopy) keep(`${a.name}.in`, bytes.adapterCopy * a.inFeatures);
  else if (a.dropout > 0) keep(`${a.name}.dropped`, bytes.act * a.inFeatures);
  else keep(group, bytes.act * width);
  if (a.dropout > 0) keep(`${a.name}.mask`, a.inFeatures);
  if (a.kind === 'lora' || a.kind === 'dora') keep(`${a.name}.mid`, copy * a.r);
  if (a.kind === 'dora') {
    keep(`${a.name}.base`, bytes.act * a.outFeatures);
    keep(`${a.name}.lora`, copy * a.outFeatures);
  }
}

/**
 * Per-layer bytes adapters keep that do not scale with tokens: LoHa/LoKr's dense delta weight (kept by
 * the matmul that applies it), VeRA's compute-dtype casts of its frozen projections.
 */
export function layerAdapterWeightsSaved(adapters: AdaptedLinear[], copyBytes: number): number {
  return adapters.reduce((s, a) => {
    if (a.kind === 'loha' || a.kind === 'lokr') return s + copyBytes * a.inFeatures * a.outFeatures;
    if (a.kind === 'vera') return s + copyBytes * a.r * (a.inFeatures + a.outFeatures);
    return s;
  }, 0);
}
