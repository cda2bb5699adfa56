/** Readers both LLaMA-Factory layouts share: target lists, bitsandbytes settings, groups of plain values. */
import type { Precision, Quantization, Sourced } from '../../plan';
import { derive } from '../extractHelpers';
import type { FlatConfig } from '../hfArgs';
import { toBool, toList, toNumber, toStr } from '../hfArgs';

export const TOOL = 'LLaMA-Factory';

/** `all` means every linear layer but the output head, which PEFT spells `all-linear`. */
export function targets(c: FlatConfig, key: string): Sourced<string | string[]> | undefined {
  const t = c.value(key, toList);
  if (!t) return undefined;
  if (t.value.length === 1 && t.value[0] === 'all') return derive(t, 'all-linear', `${t.assumed ? `no \`${t.key ?? key}\`: ` : ''}LLaMA-Factory's \`all\` adapts every linear layer except the output head (PEFT \`all-linear\`)`);
  return t;
}

/** On-the-fly bitsandbytes quantization from `quantization_bit` (v0 top level, v1 `quant_config`). */
export function bnbQuantization(c: FlatConfig, computeDtype: Precision): Sourced<Quantization> | undefined {
  const bits = c.get('quantization_bit', toNumber);
  if (!bits || (bits.value !== 4 && bits.value !== 8)) return undefined;
  if (bits.value === 8) return derive(bits, { bits: 8, computeDtype });
  const type = c.value('quantization_type', toStr)?.value === 'fp4' ? 'fp4' : 'nf4';
  return derive(bits, { bits: 4, type, doubleQuant: c.value('double_quantization', toBool)?.value ?? true, computeDtype });
}

/** Each key's value (written or the default), for the plan's `extra`. */
export function valuesOf(c: FlatConfig, keys: [string, (v: unknown) => unknown][]): Record<string, Sourced<unknown>> {
  const out: Record<string, Sourced<unknown>> = {};
  for (const [key, convert] of keys) {
    const s = c.value(key, convert);
    if (s) out[key] = s;
  }
  return out;
}
