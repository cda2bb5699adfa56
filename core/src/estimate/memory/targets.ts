/**
 * Which Linear modules a PEFT config adapts, with PEFT's matching rules: a list matches a module
 * whose name is, or ends with `.` + , an entry; a string is a regular expression matched against the
 * whole name; `all-linear` is every Linear but the output layer; nothing means the per-model default.
 */
import type { Architecture, ModuleInfo } from '../../models/types';
import { isLinear, roleOf } from './roles';

/** PEFT's default LoRA targets for the families we know (upstream TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING). */
const LORA_DEFAULTS: Record<string, string[]> = {
  gpt2: ['c_attn'], gpt_neox: ['query_key_value'], falcon: ['query_key_value'], bloom: ['query_key_value'],
  phi: ['q_proj', 'v_proj', 'fc1', 'fc2'], phi3: ['qkv_proj'], t5: ['q', 'v'], mt5: ['q', 'v'],
  gpt_bigcode: ['c_attn'], mpt: ['Wqkv'], chatglm: ['query_key_value'], baichuan: ['W_pack'],
};
const LORA_FALLBACK = ['q_proj', 'v_proj'];

/** PEFT's default IA3 targets and which of them scale their input (feed-forward) rather than their output. */
const IA3_DEFAULTS: Record<string, { targets: string[]; feedforward: string[] }> = {
  gpt2: { targets: ['c_attn', 'mlp.c_proj'], feedforward: ['mlp.c_proj'] },
  gpt_neox: { targets: ['query_key_value', 'dense_4h_to_h'], feedforward: ['dense_4h_to_h'] },
  falcon: { targets: ['query_key_value', 'dense_4h_to_h'], feedforward: ['dense_4h_to_h'] },
  bloom: { targets: ['query_key_value', 'mlp.dense_4h_to_h'], feedforward: ['mlp.dense_4h_to_h'] },
  opt: { targets: ['q_proj', 'v_proj', 'fc2'], feedforward: ['fc2'] },
  phi3: { targets: ['qkv_proj', 'down_proj'], feedforward: ['down_proj'] },
};
const IA3_FALLBACK = { targets: ['k_proj', 'v_proj', 'down_proj'], feedforward: ['down_proj'] };

/** `target_modules` as written: a list of names, a regular expression, `all-linear`, or absent. */
export type TargetSpec = unknown;

/** True when `name` is selected by a PEFT target spec (list of names/suffixes, or a full-match regex). */
export function matchesTarget(name: string, spec: TargetSpec): boolean {
  if (typeof spec === 'string') {
    try {
      return new RegExp(`^(?:${spec})$`).test(name);
    } catch {
      return false;
    }
  }
  if (Array.isArray(spec)) return spec.some((t) => typeof t === 'string' && (name === t || name.endsWith(`.${t}`)));
  return false;
}

export function defaultTargets(peftType: string, modelType: string): { targets: string[]; feedforward: string[]; fromDefault: string } {
  if (peftType === 'ia3') {
    const d = IA3_DEFAULTS[modelType] ?? IA3_FALLBACK;
    return { ...d, fromDefault: `IA3 targets ${d.targets.join(', ')} (PEFT's default for ${modelType})` };
  }
  const targets = LORA_DEFAULTS[modelType] ?? LORA_FALLBACK;
  return { targets, feedforward: [], fromDefault: `targets ${targets.join(', ')} (PEFT's default for ${modelType})` };
}

/** The Linear modules a config's target spec selects, honouring exclude_modules and layers_to_transform. */
export function selectLinears(arch: Architecture, peft: Record<string, unknown>, targets: TargetSpec): ModuleInfo[] {
  const layers = layerFilter(peft.layers_to_transform);
  const exclude = peft.exclude_modules;
  const allLinear = typeof targets === 'string' && targets.toLowerCase() === 'all-linear';
  return arch.modules.filter((m) => {
    if (!isLinear(m)) return false;
    const hit = allLinear ? roleOf(m.name) !== 'lm_head' : matchesTarget(m.name, targets);
    if (!hit || (exclude !== undefined && exclude !== null && matchesTarget(m.name, exclude))) return false;
    return layers === undefined || (m.layer !== undefined && layers.has(m.layer));
  });
}

function layerFilter(value: unknown): Set<number> | undefined {
  if (typeof value === 'number') return new Set([value]);
  if (Array.isArray(value)) return new Set(value.filter((v): v is number => typeof v === 'number'));
  return undefined;
}

/** PEFT's rank/alpha pattern lookup: the first key that matches the end of the module name. */
export function patternValue(name: string, pattern: unknown, fallback: number): number {
  if (!pattern || typeof pattern !== 'object') return fallback;
  for (const [key, value] of Object.entries(pattern as Record<string, unknown>)) {
    if (typeof value !== 'number') continue;
    try {
      if (new RegExp(`(^|\\.)(?:${key})$`).test(name)) return value;
    } catch {
      if (name === key || name.endsWith(`.${key}`)) return value;
    }
  }
  return fallback;
}
