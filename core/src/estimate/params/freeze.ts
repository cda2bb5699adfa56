/**
 * LLaMA-Factory freeze tuning (`finetuning_type: freeze`, `_setup_freeze_tuning`): trains the
 * parameters whose name contains `.{layer}.{module}` for the last (or first) n layers, plus the
 * freeze_extra_modules outside the layers; everything else is frozen.
 */
import type { Architecture } from '../../models/types';
import type { Sourced } from '../../plan';
import type { PeftFinding } from './peftView';
import { tensorsOf } from '../../models/inventory';

function listOf(v: unknown, fallback: string[]): string[] {
  if (Array.isArray(v)) return v.map(String).map((s) => s.trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return fallback;
}

/** Parameter names as named_parameters() lists them (tied weights once, under their first owner). */
export function parameterNames(arch: Architecture): { name: string; numel: number }[] {
  return arch.modules.flatMap((m) => tensorsOf(m).map((t) => ({ name: `${m.name}.${t.name}`, numel: t.shape.reduce((a, b) => a * b, 1) })));
}

export function freezeTrainable(arch: Architecture, extra: Record<string, Sourced<unknown>> | undefined, findings: PeftFinding[], used: string[]): number | undefined {
  const n = Number(extra?.freeze_trainable_layers?.value ?? 2);
  const modules = listOf(extra?.freeze_trainable_modules?.value, ['all']);
  const extras = listOf(extra?.freeze_extra_modules?.value, []);
  used.push(`freeze_trainable_layers=${n}`, `freeze_trainable_modules=${modules.join(',')}`, ...(extras.length ? [`freeze_extra_modules=${extras.join(',')}`] : []));
  const L = arch.numLayers;
  const ids = layerIds(L, n, extra?.use_llama_pro?.value === true, findings);
  if (!ids) return undefined;
  const params = parameterNames(arch);
  const hidden = new Set<string>();
  const outside = new Set<string>();
  for (const p of params) {
    for (const marker of ['.0.', '.1.']) if (p.name.includes(marker)) hidden.add(p.name.split(marker).pop()!.split('.')[0]);
    if (!/\.\d+\./.test(p.name)) outside.add(p.name.split('.').slice(-2)[0]);
  }
  const needles: string[] = [];
  for (const mod of modules) {
    if (mod !== 'all' && !hidden.has(mod)) {
      findings.push({ code: 'model/freeze-module-not-found', severity: 'error', key: 'freeze_trainable_modules', message: `LLaMA-Factory stops: module ${mod} is not found inside the layers; choose from ${[...hidden].sort().join(', ')}.` });
      return undefined;
    }
    for (const i of ids) needles.push(`.${i}.${mod === 'all' ? '' : mod}`);
  }
  for (const mod of extras) {
    if (!outside.has(mod)) {
      findings.push({ code: 'model/freeze-module-not-found', severity: 'error', key: 'freeze_extra_modules', message: `LLaMA-Factory stops: module ${mod} is not found outside the layers; choose from ${[...outside].sort().join(', ')}.` });
      return undefined;
    }
    needles.push(mod);
  }
  return params.filter((p) => needles.some((s) => p.name.includes(s))).reduce((sum, p) => sum + p.numel, 0);
}

/** Last n layers (first -n when negative), or with LLaMA Pro every (L/n)-th layer, the expanded blocks. */
function layerIds(L: number, n: number, llamaPro: boolean, findings: PeftFinding[]): number[] | undefined {
  if (!llamaPro) return n > 0 ? range(Math.max(0, L - n), L) : range(0, Math.min(-n, L));
  if (n <= 0 || L % n !== 0) {
    findings.push({ code: 'model/freeze-layers-indivisible', severity: 'error', key: 'freeze_trainable_layers', message: `LLaMA-Factory stops: with use_llama_pro the ${L} layers must divide into freeze_trainable_layers (${n}) groups.` });
    return undefined;
  }
  const stride = L / n;
  return range(0, n).map((i) => stride - 1 + i * stride);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
