/**
 * Which modules a PEFT config adapts, decided the way `BaseTuner.inject_adapter` does: the
 * architecture's default targets when target_modules is absent, `all-linear` expanded to every
 * Linear/Conv1D except the output head, then `check_target_module_exists` on every module name
 * (exclude_modules, modules_to_save, regex full match or dotted-suffix match, layers_to_transform),
 * and PEFT's errors when nothing is left.
 */
import type { Architecture, ModuleInfo, TensorInfo } from '../../models/types';
import { defaultFeedforward, defaultTargets } from './defaultTargets';
import type { PeftFinding, PeftView } from './peftView';
import { pyRepr } from './peftView';
import { fullmatch, matchStart, underModuleMatcher } from './pyRegex';
import { tensorsOf } from '../../models/inventory';

export type NameList = string | string[] | null;

export interface TargetSpec {
  targetModules: NameList;
  targetParameters: string[];
  exclude: NameList;
  modulesToSave: string[];
  layersToTransform: number | number[] | null;
  layersPattern: string | string[] | null;
}

export interface ParamTarget {
  module: ModuleInfo;
  tensor: TensorInfo;
  key: string;
}

export interface Selection {
  modules: ModuleInfo[];
  parameters: ParamTarget[];
  spec: TargetSpec;
}

/** The head classes PEFT's task wrappers add to modules_to_save (PeftModelForSequenceClassification, ...). */
export function taskModulesToSave(taskType: string | undefined): string[] {
  if (taskType === 'SEQ_CLS' || taskType === 'TOKEN_CLS') return ['classifier', 'score'];
  if (taskType === 'QUESTION_ANS') return ['qa_outputs'];
  return [];
}

export function nameList(v: unknown): NameList {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return null;
}

export function readTargetSpec(view: PeftView): TargetSpec {
  const saved = view.value('modules_to_save');
  const layers = view.value('layers_to_transform');
  const pattern = view.value('layers_pattern');
  return {
    targetModules: nameList(view.value('target_modules')),
    targetParameters: (nameList(view.value('target_parameters')) as string[] | null) ?? [],
    exclude: nameList(view.value('exclude_modules')),
    modulesToSave: [...(typeof saved === 'string' ? [saved] : (nameList(saved) as string[] | null) ?? []), ...taskModulesToSave(view.taskType)],
    layersToTransform: typeof layers === 'number' ? layers : Array.isArray(layers) ? layers.filter((x): x is number => typeof x === 'number') : null,
    layersPattern: typeof pattern === 'string' || Array.isArray(pattern) ? (pattern as string | string[]) : null,
  };
}

/** `_prepare_adapter_config`: the architecture default when target_modules is absent. */
export function applyDefaults(spec: TargetSpec, view: PeftView, arch: Architecture, peftType: string): PeftFinding | undefined {
  if (spec.targetModules !== null) return undefined;
  if (peftType === 'LORA' && spec.targetParameters.length > 0) return undefined;
  const fallback = defaultTargets(peftType, arch.modelType);
  if (fallback === undefined) {
    const alt = peftType === 'LORA' ? ' (or `target_parameters`)' : '';
    return {
      code: 'model/no-default-targets',
      severity: 'error',
      key: 'target_modules',
      message: `PEFT has no default target modules for model_type \`${arch.modelType}\` with ${peftType}, so it stops with "Please specify \`target_modules\` in \`peft_config\`". Set target_modules${alt}, for example ${suggestTargets(arch)}.`,
    };
  }
  spec.targetModules = fallback;
  view.assume(`target_modules: PEFT default for ${arch.modelType} (${Array.isArray(fallback) ? fallback.join(', ') : fallback})`);
  return undefined;
}

/** IA3's feedforward_modules: the config's, else the architecture default (empty when it has none). */
export function feedforwardList(view: PeftView, arch: Architecture): NameList {
  const own = nameList(view.value('feedforward_modules'));
  if (own !== null) return own;
  const fallback = defaultFeedforward(arch.modelType);
  if (fallback !== undefined) view.assume(`feedforward_modules: PEFT default for ${arch.modelType} (${Array.isArray(fallback) ? fallback.join(', ') : fallback})`);
  return fallback ?? null;
}

export function suggestTargets(arch: Architecture): string {
  const names = [...new Set(arch.modules.filter((m) => m.type === 'Linear' || m.type === 'Conv1D').filter((m) => m.name !== arch.outputEmbedding).map((m) => leaf(m.name)))];
  return `${JSON.stringify(names.slice(0, 8))} or "all-linear"`;
}

export function leaf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * axolotl (`lora_target_linear`) and LLaMA-Factory (`lora_target: all`) do not pass PEFT the
 * "all-linear" shorthand: they list the names of the model's linear layers themselves (last name
 * component, output head left out). Their plans say "all-linear"; the PEFT config is that list.
 */
export function expandToolLinear(spec: TargetSpec, arch: Architecture, format: string): boolean {
  const t = spec.targetModules;
  if ((format !== 'axolotl' && format !== 'llamafactory') || typeof t !== 'string' || t.toLowerCase() !== 'all-linear') return false;
  const names = arch.modules.filter((m) => (m.type === 'Linear' || m.type === 'Conv1D') && m.name !== arch.outputEmbedding).map((m) => leaf(m.name));
  spec.targetModules = [...new Set(names)];
  return true;
}

/**
 * `_maybe_include_all_linear_layers`: every Linear/Conv1D except the output embedding (or SEQ_CLS head).
 * It tests `isinstance(module, (nn.Linear, Conv1D))`, which a prequantized GPTQ/AWQ/AQLM layer is not
 * (bitsandbytes' Linear4bit/Linear8bitLt subclass nn.Linear).
 */
export function expandAllLinear(spec: TargetSpec, arch: Architecture, taskType: string | undefined): boolean {
  const t = spec.targetModules;
  if (typeof t !== 'string' || t.toLowerCase() !== 'all-linear') return false;
  const stored = arch.prequantized;
  const notLinear = new Set(stored && stored.method !== 'bitsandbytes' ? stored.quantized : []);
  const names = arch.modules.filter((m) => (m.type === 'Linear' || m.type === 'Conv1D') && !notLinear.has(m.name)).map((m) => m.name);
  let drop: string | undefined = arch.outputEmbedding;
  if (!drop && taskType === 'SEQ_CLS') drop = ['score', 'classifier'].find((n) => names.includes(n) || arch.modules.some((m) => m.name === n));
  spec.targetModules = names.filter((n) => n !== drop);
  return true;
}

/** `key in names or any(key.endswith("." + n))`: the key itself or one of its dotted tails is listed. */
function listed(names: ReadonlySet<string>, key: string): boolean {
  if (names.has(key)) return true;
  for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) if (names.has(key.slice(i + 1))) return true;
  return false;
}

const sets = new WeakMap<string[], Set<string>>();
function asSet(list: string[]): Set<string> {
  let s = sets.get(list);
  if (!s) sets.set(list, (s = new Set(list)));
  return s;
}

function inList(list: string | string[], key: string): boolean {
  return typeof list === 'string' ? fullmatch(list, key) : listed(asSet(list), key);
}

export function layerIndexOf(key: string, pattern: string | string[] | null): number | undefined {
  const patterns = pattern === null || pattern.length === 0 ? null : typeof pattern === 'string' ? [pattern] : pattern;
  if (!patterns) {
    const m = matchStart('.*?\\.[^.]*\\.(\\d+)\\.', key);
    return m ? Number(m[1]) : undefined;
  }
  for (const p of patterns) {
    const m = matchStart(`.*?\\.${p}\\.(\\d+)\\.`, key);
    if (m) return Number(m[1]);
  }
  return undefined;
}

export type ModuleVerdict = 'excluded' | 'matched' | 'unmatched' | 'other-layer';

const savedMatchers = new WeakMap<string[], ((key: string) => boolean)[]>();

/** `check_target_module_exists`, with the reason a name-matched module was dropped by layers_to_transform. */
export function checkModule(spec: TargetSpec, key: string): ModuleVerdict {
  if (spec.exclude !== null && spec.exclude.length > 0 && inList(spec.exclude, key)) return 'excluded';
  let saved = savedMatchers.get(spec.modulesToSave);
  if (!saved) savedMatchers.set(spec.modulesToSave, (saved = spec.modulesToSave.map(underModuleMatcher)));
  if (saved.some((test) => test(key))) return 'excluded';
  const t = spec.targetModules;
  if (t === null) return 'unmatched';
  if (typeof t === 'string') return fullmatch(t, key) ? 'matched' : 'unmatched';
  const names = asSet(t);
  if (names.has(key)) return 'matched';
  if (!listed(names, key)) return 'unmatched';
  const layers = spec.layersToTransform;
  const usingLayers = layers !== null && (Array.isArray(layers) ? layers.length !== 0 : true);
  if (!usingLayers) return 'matched';
  const index = layerIndexOf(key, spec.layersPattern);
  if (index === undefined) return 'other-layer';
  const ok = typeof layers === 'number' ? index === layers : (layers as number[]).includes(index);
  return ok ? 'matched' : 'other-layer';
}

/** `_inject_parameters`: parameters named exactly or by dotted suffix (`experts.gate_up_proj`). */
export function matchParameters(arch: Architecture, names: string[]): ParamTarget[] {
  if (names.length === 0) return [];
  const sorted = [...new Set(names)].sort();
  const out: ParamTarget[] = [];
  for (const module of arch.modules) {
    for (const tensor of tensorsOf(module)) {
      const key = `${module.name}.${tensor.name}`;
      if (sorted.some((t) => key === t || key.endsWith(`.${t}`))) out.push({ module, tensor, key });
    }
  }
  return out;
}

/** Runs the matching over every module and returns PEFT's error when nothing was targeted. */
export function selectModules(spec: TargetSpec, arch: Architecture, findings: PeftFinding[], allLinear: boolean): Selection | undefined {
  const modules: ModuleInfo[] = [];
  let excluded = 0;
  let unmatched = 0;
  for (const m of arch.modules) {
    const verdict = checkModule(spec, m.name);
    if (verdict === 'matched') modules.push(m);
    else if (verdict === 'excluded') excluded++;
    else unmatched++;
  }
  const parameters = matchParameters(arch, spec.targetParameters);
  if (modules.length === 0 && parameters.length === 0) {
    findings.push(nothingTargeted(spec, arch, excluded, unmatched, allLinear));
    return undefined;
  }
  warnUnused(spec, arch, modules.length, parameters, excluded, findings);
  return { modules, parameters, spec };
}

function nothingTargeted(spec: TargetSpec, arch: Architecture, excluded: number, unmatched: number, allLinear: boolean): PeftFinding {
  const layers = layerNote(spec);
  if (excluded > 0 && unmatched === 0) {
    return { code: 'model/all-excluded', severity: 'error', key: 'exclude_modules', message: 'PEFT stops with "All modules were excluded": exclude_modules and modules_to_save leave nothing to adapt. Check target_modules, exclude_modules and modules_to_save.' };
  }
  const empty = spec.targetModules === null || spec.targetModules.length === 0;
  if (excluded === 0 && empty) {
    return { code: 'model/no-targets', severity: 'error', key: 'target_modules', message: 'PEFT stops with "No `target_modules` passed but also no `target_parameters` found": the config targets nothing. Name the modules to adapt in target_modules.' };
  }
  if (excluded === 0) {
    const shown = allLinear ? "'all-linear'" : pyRepr(spec.targetModules);
    return { code: 'model/target-not-found', severity: 'error', key: 'target_modules', message: `PEFT stops with "Target modules ${shown} not found in the base model"${layers}. ${arch.className} has, for example, ${suggestTargets(arch)}.` };
  }
  const key = spec.exclude !== null && spec.exclude.length > 0 ? 'exclude_modules' : 'target_modules';
  return { code: 'model/no-targets-matched', severity: 'error', key, message: `PEFT stops with "No modules were targeted for adaptation": every module target_modules names is excluded by exclude_modules or sits under modules_to_save${layers}.` };
}

function layerNote(spec: TargetSpec): string {
  let note = '';
  if (spec.layersToTransform !== null) note += ` (layers_to_transform: ${JSON.stringify(spec.layersToTransform)}`;
  if (spec.layersPattern !== null) note += `${note ? ', ' : ' ('}layers_pattern: ${JSON.stringify(spec.layersPattern)}`;
  return note ? `${note})` : '';
}

/** PEFT's warnings once something was targeted (one of them, in its order), and skipped layer indices. */
function warnUnused(spec: TargetSpec, arch: Architecture, modules: number, params: ParamTarget[], excluded: number, findings: PeftFinding[]): void {
  const exclude = spec.exclude;
  const targets = spec.targetModules;
  if (exclude !== null && exclude.length > 0 && excluded === 0) {
    findings.push({ code: 'model/exclude-unused', severity: 'warning', key: 'exclude_modules', message: `exclude_modules ${pyRepr(exclude)} matches no module of the model; PEFT warns and excludes nothing.` });
  } else if (targets !== null && targets.length > 0 && modules === 0) {
    findings.push({ code: 'model/target-modules-unmatched', severity: 'warning', key: 'target_modules', message: `target_modules ${pyRepr(targets)} match no module (only target_parameters were adapted); PEFT warns and goes on.` });
  } else if (spec.targetParameters.length > 0 && params.length === 0) {
    findings.push({ code: 'model/target-parameters-unmatched', severity: 'warning', key: 'target_parameters', message: `target_parameters ${pyRepr(spec.targetParameters)} names no parameter of the model; PEFT warns and adapts only the target modules.` });
  }
  const missing = missingLayers(spec, arch);
  if (missing.length > 0) {
    findings.push({ code: 'model/layers-out-of-range', severity: 'warning', key: 'layers_to_transform', message: `layers_to_transform lists ${missing.join(', ')}, but the targeted modules sit in layers 0-${maxLayer(arch)}; PEFT silently skips those indices.` });
  }
}

function maxLayer(arch: Architecture): number {
  return arch.modules.reduce((max, m) => Math.max(max, m.layer ?? -1), -1);
}

/** Requested layer indices that no name-matched module has. */
function missingLayers(spec: TargetSpec, arch: Architecture): number[] {
  const layers = spec.layersToTransform;
  const t = spec.targetModules;
  if (layers === null || t === null || typeof t === 'string') return [];
  const wanted = typeof layers === 'number' ? [layers] : layers;
  const present = new Set<number>();
  for (const m of arch.modules) {
    if (!listed(asSet(t), m.name) || asSet(t).has(m.name)) continue;
    const i = layerIndexOf(m.name, spec.layersPattern);
    if (i !== undefined) present.add(i);
  }
  if (present.size === 0) return [];
  return wanted.filter((i) => !present.has(i));
}
