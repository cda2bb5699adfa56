/**
 * transformers 5 fuses mixture-of-experts weights (Mixtral's per-expert w1/w3/w2 became
 * `mlp.experts.gate_up_proj` / `down_proj`; the router `gate` is no longer an nn.Linear). PEFT 0.21
 * rewrites a LoRA config for these models before injecting (utils/transformers_weight_conversion.py):
 * the old expert and router names move from target_modules to target_parameters, and a fused
 * gate_up_proj gets twice the rank and alpha. Mirrored here for the model types that conversion
 * covers.
 */
import type { Architecture } from '../../models/types';
import type { PeftFinding, PeftView } from './peftView';
import { pyRepr } from './peftView';
import { checkModule, expandAllLinear, leaf } from './targets';
import type { TargetSpec } from './targets';
import { tensorsOf } from '../../models/inventory';

/** transformers' conversion pattern per model_type (conversion_mapping._MODEL_TO_CONVERSION_PATTERN). */
const CONVERSION_PATTERN: Record<string, 'mixtral' | 'qwen2_moe'> = {
  mixtral: 'mixtral',
  minimax: 'mixtral',
  minimax_m2: 'mixtral',
  qwen2_moe: 'qwen2_moe',
  qwen3_moe: 'qwen2_moe',
  olmoe: 'qwen2_moe',
  deepseek_v2: 'qwen2_moe',
  deepseek_v3: 'qwen2_moe',
  glm4_moe: 'qwen2_moe',
  glm4_moe_lite: 'qwen2_moe',
  qwen3_next: 'qwen2_moe',
};

/** v4 name → v5 parameter target, per conversion pattern. */
const OLD_TO_NEW: Record<string, Record<string, string>> = {
  mixtral: { gate: 'gate.weight', w1: 'gate_up_proj', w3: 'gate_up_proj', w2: 'down_proj' },
  qwen2_moe: { gate: 'gate.weight', gate_proj: 'gate_up_proj', up_proj: 'gate_up_proj', down_proj: 'down_proj' },
};

const FUSED: Record<string, Record<string, string[]>> = {
  mixtral: { gate_up_proj: ['w1', 'w3'] },
  qwen2_moe: { gate_up_proj: ['gate_proj', 'up_proj'] },
};

/** Rank overrides PEFT adds for fused weights (alpha doubles too, which leaves counts alone). */
export interface Converted {
  rankPattern: Record<string, number>;
}

/** Rewrites `spec` in place; returns the rank/alpha patterns to add, or a finding when PEFT refuses. */
export function convertMoeTargets(spec: TargetSpec, arch: Architecture, view: PeftView): Converted | PeftFinding | undefined {
  const base = CONVERSION_PATTERN[arch.modelType];
  if (!base) return undefined;
  const mapping = OLD_TO_NEW[base];
  if (typeof spec.targetModules === 'string') {
    const resolved = resolveString(spec, arch, mapping, view.taskType);
    if (resolved.length === 0) return undefined;
    spec.targetModules = resolved;
  }
  const params = new Set(spec.targetParameters);
  const remaining: string[] = [];
  const present: Record<string, Set<string>> = {};
  for (const target of spec.targetModules ?? []) {
    const old = Object.keys(mapping).find((o) => target === o || target.endsWith(`.${o}`));
    if (!old) {
      remaining.push(target);
      continue;
    }
    params.add(mapping[old]);
    (present[mapping[old]] ??= new Set()).add(old);
  }
  const out: Converted = { rankPattern: {} };
  for (const [fused, required] of Object.entries(FUSED[base])) {
    const have = present[fused] ?? new Set<string>();
    if (have.size > 0 && have.size < required.length) {
      const missing = required.filter((x) => !have.has(x));
      return { code: 'model/fused-expert-target', severity: 'error', key: 'target_modules', message: `PEFT stops with "Cannot convert PEFT target(s) ${[...have].sort().join(', ')} without also targeting ${missing.join(', ')} because they are fused into ${fused}": transformers 5 stores these expert weights as one parameter. Target both or neither.` };
    }
    if (have.size === required.length && required.length > 1) {
      out.rankPattern[`.*\\.${fused}`] = view.num('r', 8) * required.length;
    }
  }
  spec.targetParameters = [...params];
  spec.targetModules = remaining;
  const note = `transformers 5 MoE conversion: target_parameters=${pyRepr(spec.targetParameters)}`;
  if (spec.targetParameters.length > 0) view.assume(note);
  else view.note(note);
  return out;
}

/** A regex or all-linear target resolved to the leaf names it reaches, with the v4 expert names added. */
function resolveString(spec: TargetSpec, arch: Architecture, mapping: Record<string, string>, taskType: string | undefined): string[] {
  const probe: TargetSpec = { ...spec };
  if (expandAllLinear(probe, arch, taskType)) return [...new Set([...(probe.targetModules as string[]).map(leaf), ...Object.keys(mapping)])];
  const keys = [...arch.modules.map((m) => m.name), ...arch.modules.flatMap((m) => tensorsOf(m).map((t) => `${m.name}.${t.name}`))];
  const matched = new Set(keys.filter((k) => checkModule(spec, k) === 'matched').map(leaf));
  for (const [old, fresh] of Object.entries(mapping)) {
    if (matched.has(old)) continue;
    const containers = arch.modules.filter((m) => tensorsOf(m).some((t) => t.name === fresh));
    if (containers.some((m) => checkModule(spec, `${m.name}.${old}`) === 'matched')) matched.add(old);
  }
  return [...matched];
}
