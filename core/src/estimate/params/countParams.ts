/**
 * Exact trainable and total parameter counts for a training plan on a resolved model, as PEFT 0.21's
 * `print_trainable_parameters()` prints them after `get_peft_model` (a model built for the plan's
 * task_type, adapters in, modules_to_save copies and trainable tokens added). Where PEFT would
 * refuse the combination the result carries its error instead of counts.
 */
import { headForTask, UnsupportedModelError, withHead } from '../../models/architecture';
import type { Architecture, ModuleInfo } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { ParamCounts } from '../types';
import { adaptionPromptParams } from './adaptionPrompt';
import { modulesEndingWith, modulesToSave, tokenTargets, trainableBiases, trainableTokens } from './auxiliary';
import { freezeTrainable } from './freeze';
import type { Method, MethodContext } from './methods';
import { BASE_METHODS, loraRank } from './methods';
import { lnTuning, MORE_METHODS } from './methodsMore';
import { convertMoeTargets } from './moeConversion';
import type { PeftFinding } from './peftView';
import { PeftView } from './peftView';
import { PROMPT_TYPES, promptEncoderParams, promptPlacement } from './promptLearning';
import { PatternError } from './pyRegex';
import type { AdapterSelection, CountedModel } from './selection';
import { adaptedModule, adaptedParameter, emptySelection } from './selection';
import type { ParamTarget, Selection, TargetSpec } from './targets';
import type { FreezeFlags } from './llamaFactoryTargets';
import { llamaFactoryCompositeTargets } from './llamaFactoryTargets';
import { applyDefaults, expandAllLinear, expandToolLinear, feedforwardList, leaf, readTargetSpec, selectModules, taskModulesToSave } from './targets';
import { unmatchedEntries } from './unmatchedTargets';
import { inputEmbeddingOf } from '../../models/inventory';
import { withLinearizedExperts } from '../../models/linearizedExperts';

export interface ParamResult {
  counts?: ParamCounts;
  /** Errors (PEFT refuses: no counts), warnings (PEFT silently changes something), infos. */
  findings: PeftFinding[];
  /** The architecture the counts are for (the head the task_type implies). */
  architecture?: Architecture;
  /** What PEFT selected, present with the counts: adapted modules and parameters, copies, tokens, prompts. */
  selection?: AdapterSelection;
}

/** The counted model the memory estimate starts from, when the count succeeded. */
export function countedModel(r: ParamResult): CountedModel | undefined {
  return r.counts && r.selection && r.architecture ? { architecture: r.architecture, counts: r.counts, selection: r.selection } : undefined;
}

interface Parts {
  adapter: number;
  adapterFrozen: number;
  copies: number;
  tokens: number;
  bias: number;
  targets: ModuleInfo[];
  parameters: ParamTarget[];
  selection: AdapterSelection;
}

interface Counted {
  counts: ParamCounts;
  selection: AdapterSelection;
}

/**
 * The PEFT type a plan amounts to (`LORA` for a qlora plan), `FULL` / `FREEZE`, or undefined for an
 * adapter method whose settings the plan does not carry (nothing to count or check against).
 */
export function peftTypeOf(plan: TrainingPlan): string | undefined {
  const explicit = plan.peft?.peft_type;
  if (typeof explicit === 'string') return explicit.toUpperCase();
  const method = plan.method.value.toLowerCase();
  if (method === 'full') return 'FULL';
  if (method === 'freeze') return 'FREEZE';
  if (!plan.peft) return undefined;
  return method === 'qlora' ? 'LORA' : method.toUpperCase().replace(/-/g, '_');
}

export function countParams(plan: TrainingPlan, base: Architecture): ParamResult {
  const findings: PeftFinding[] = [];
  const view = new PeftView(plan.peft ?? {});
  const peftType = peftTypeOf(plan);
  // Saved adapters say inference_mode: true (frozen on load); the counts are those of training them.
  if (view.raw.inference_mode === true) view.note('inference_mode=true ignored: counted for training (is_trainable=True)');
  let arch: Architecture;
  try {
    arch = withHead(base, headForTask(base.config, view.taskType));
    if (plan.linearizedExperts?.value) arch = withLinearizedExperts(arch);
  } catch (err) {
    if (!(err instanceof UnsupportedModelError)) throw err;
    return { findings: [{ code: 'estimate/unsupported-task', severity: 'warning', key: 'task_type', message: `${err.message}; parameters are not counted.` }] };
  }
  for (const note of arch.notes ?? []) view.assume(note);
  try {
    const counted = countFor(peftType, plan, view, arch, findings);
    if (!counted || findings.some((f) => f.severity === 'error')) return { findings, architecture: arch };
    return { ...counted, findings, architecture: arch };
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    findings.push({ code: 'model/invalid-pattern', severity: 'error', key: 'target_modules', message: `PEFT stops: ${err.message}.` });
    return { findings, architecture: arch };
  }
}

function countFor(peftType: string | undefined, plan: TrainingPlan, view: PeftView, arch: Architecture, findings: PeftFinding[]): Counted | undefined {
  if (peftType === undefined) {
    findings.push({ code: 'estimate/unsupported-method', severity: 'warning', message: `The config's ${plan.method.value} settings are not available to peft-lens yet, so its parameters are not counted.` });
    return undefined;
  }
  if (peftType === 'FULL') return finish(arch, view, [], emptyParts(peftType), arch.totalParams);
  if (peftType === 'FREEZE') {
    const used: string[] = [];
    const trainable = freezeTrainable(arch, plan.extra, findings, used);
    return trainable === undefined ? undefined : finish(arch, view, used, emptyParts(peftType), trainable);
  }
  if (PROMPT_TYPES.has(peftType) || peftType === 'ADAPTION_PROMPT') return promptCounts(peftType, view, arch, findings);
  if (peftType === 'TRAINABLE_TOKENS') return tokenTuner(view, arch, findings);
  const method = peftType === 'LN_TUNING' ? lnTuning(arch.modules) : (BASE_METHODS[peftType] ?? MORE_METHODS[peftType]);
  if (!method) {
    findings.push({ code: 'estimate/unsupported-method', severity: 'warning', key: 'peft_type', message: `peft-lens does not count parameters for ${peftType} yet.` });
    return undefined;
  }
  if (peftType === 'LORA') warnUnmodelled(view, findings);
  const parts = injectAdapter(peftType, method, view, arch, findings, plan.format, freezeFlags(plan));
  return parts ? finish(arch, view, [], parts) : undefined;
}

/** LoRA options that change the layers (or the model) in ways the count does not follow yet. */
const UNMODELLED_LORA = ['layer_replication', 'use_bdlora', 'use_qalora', 'kasa_config', 'monteclora_config', 'arrow_config'];

function warnUnmodelled(view: PeftView, findings: PeftFinding[]): void {
  const set = UNMODELLED_LORA.filter((k) => view.has(k) && view.raw[k] !== false);
  if (set.length === 0) return;
  findings.push({ code: 'estimate/approximate-params', severity: 'warning', key: set[0], message: `${set.join(', ')} ${set.length > 1 ? 'change' : 'changes'} the adapter layers in ways peft-lens does not count yet; the figures are those of plain LoRA.` });
}

function emptyParts(peftType: string): Parts {
  return { adapter: 0, adapterFrozen: 0, copies: 0, tokens: 0, bias: 0, targets: [], parameters: [], selection: emptySelection(peftType) };
}

function promptCounts(peftType: string, view: PeftView, arch: Architecture, findings: PeftFinding[]): Counted | undefined {
  const encoder = peftType === 'ADAPTION_PROMPT' ? adaptionPromptParams(view, arch) : promptEncoderParams(view, arch, peftType);
  if (typeof encoder !== 'number') {
    findings.push(encoder);
    return undefined;
  }
  const spec = readTargetSpec(view);
  const copies = modulesToSave(arch, spec.modulesToSave, spec.modulesToSave.filter((n) => !taskModulesToSave(view.taskType).includes(n)), findings);
  const parts = { ...emptyParts(peftType), adapter: encoder, copies: copies.params };
  parts.selection.copies = copies.saved;
  parts.selection.prompt = promptPlacement(peftType, view, arch);
  return finish(arch, view, [], parts);
}

function tokenTuner(view: PeftView, arch: Architecture, findings: PeftFinding[]): Counted | undefined {
  const indices = view.value('token_indices', []);
  const rows = Array.isArray(indices) ? indices.length : 0;
  const targets = view.value('target_modules');
  const names = typeof targets === 'string' ? [targets] : Array.isArray(targets) ? targets.map(String) : [leaf(inputEmbeddingOf(arch))];
  const parts = emptyParts('TRAINABLE_TOKENS');
  parts.tokens = trainableTokens(arch, Object.fromEntries(names.map((n) => [n, rows])), 'target_modules', findings);
  parts.selection.tokenModules = modulesEndingWith(arch, names).map((m) => m.name);
  return findings.some((f) => f.severity === 'error') ? undefined : finish(arch, view, [], parts);
}

/** LLaMA-Factory's multimodal freeze settings as the plan has them (0.9.6 defaults: tower and projector frozen). */
function freezeFlags(plan: TrainingPlan): FreezeFlags {
  const flag = (key: string, fallback: boolean) => {
    const v = plan.extra?.[key]?.value;
    return typeof v === 'boolean' ? v : fallback;
  };
  return { visionTower: flag('freeze_vision_tower', true), projector: flag('freeze_multi_modal_projector', true), languageModel: flag('freeze_language_model', false) };
}

/** `inject_adapter` for the module-wrapping tuners, plus the auxiliary trainables. */
function injectAdapter(peftType: string, method: Method, view: PeftView, arch: Architecture, findings: PeftFinding[], format: string, freeze: FreezeFlags): Parts | undefined {
  const spec = readTargetSpec(view);
  const written = Array.isArray(spec.targetModules) ? spec.targetModules : undefined;
  const composite = format === 'llamafactory' ? llamaFactoryCompositeTargets(spec, arch, freeze) : undefined;
  if (composite) view.assume(composite);
  else if (expandToolLinear(spec, arch, format)) view.assume(`target_modules: the ${format} expansion of all linear layers (${(spec.targetModules as string[]).join(', ')})`);
  const ctx: MethodContext = { view, extraRankPattern: {}, feedforward: null };
  const stop = (f: PeftFinding) => {
    findings.push(f);
    return undefined;
  };
  if (peftType === 'LORA') {
    const converted = convertMoeTargets(spec, arch, view);
    if (converted && 'code' in converted) return stop(converted);
    if (converted) ctx.extraRankPattern = converted.rankPattern;
  }
  const missing = applyDefaults(spec, view, arch, peftType);
  if (missing) return stop(missing);
  const allLinear = expandAllLinear(spec, arch, view.taskType);
  if (peftType === 'IA3') ctx.feedforward = feedforwardList(view, arch);
  const sel = selectModules(spec, arch, findings, allLinear);
  if (!sel) return undefined;
  // Only a list the file wrote, unchanged by a tool's expansion or PEFT's defaults, has entries to point at.
  if (written && spec.targetModules === written) findings.push(...unmatchedEntries(written, arch));
  const unsupported = sel.modules.filter((m) => !method.supports.includes(m.type));
  if (unsupported.length > 0) return stop(unsupportedLayer(method, unsupported, spec));
  const parts = emptyParts(peftType);
  parts.targets = sel.modules;
  parts.parameters = sel.parameters;
  for (const m of sel.modules) {
    const c = method.perModule(m, ctx);
    if ('code' in c) return stop(c);
    parts.adapter += c.added;
    parts.adapterFrozen += c.frozen ?? 0;
    parts.selection.modules.push(adaptedModule(m, peftType, c));
  }
  if (!addParameterTargets(sel, view, ctx, parts, findings)) return undefined;
  if (peftType === 'VBLORA' && sel.modules.length > 0) parts.adapter += view.num('num_vectors', 256) * view.num('vector_length', 256);
  addAuxiliary(spec, view, arch, method, parts, findings);
  return findings.some((f) => f.severity === 'error') ? undefined : parts;
}

/** lora.ParamWrapper: LoRA on a raw parameter; 3-D expert stacks get one rank block per expert. */
function addParameterTargets(sel: Selection, view: PeftView, ctx: MethodContext, parts: Parts, findings: PeftFinding[]): boolean {
  if (sel.parameters.length === 0) return true;
  for (const [key, bad] of [
    ['lora_dropout', view.num('lora_dropout', 0) !== 0],
    ['use_dora', view.bool('use_dora', false)],
    ['lora_bias', view.bool('lora_bias', false)],
    ['fan_in_fan_out', view.bool('fan_in_fan_out', false)],
  ] as const) {
    if (!bad) continue;
    findings.push({
      code: 'model/parameter-target-option',
      severity: 'error',
      key,
      message: `PEFT stops with "lora.ParamWrapper does not work with ${key === 'lora_dropout' ? 'lora_dropout != 0' : `${key}=True`}": this config adapts raw parameters (${[...new Set(sel.parameters.map((p) => leaf(p.key)))].join(', ')}), which PEFT reaches through target_parameters${sel.spec.targetParameters.length ? ' (transformers 5 stores mixture-of-experts weights fused)' : ''}. Remove ${key} or stop targeting those weights.`,
    });
    return false;
  }
  for (const p of sel.parameters) {
    const r = loraRank({ ...p.module, name: p.key }, ctx).r;
    const shape = p.tensor.shape;
    parts.adapter += shape.length === 3 ? r * shape[0] * (shape[1] + shape[2]) : r * ((shape[1] ?? 0) + (shape[0] ?? 0));
    parts.selection.parameters.push(adaptedParameter(p, r));
  }
  return true;
}

function addAuxiliary(spec: TargetSpec, view: PeftView, arch: Architecture, method: Method, parts: Parts, findings: PeftFinding[]): void {
  const user = spec.modulesToSave.filter((n) => !taskModulesToSave(view.taskType).includes(n));
  const copies = modulesToSave(arch, spec.modulesToSave, user, findings);
  parts.copies = copies.params;
  parts.selection.copies = copies.saved;
  const tokenValue = view.raw.trainable_token_indices;
  const targets = tokenTargets(tokenValue, arch);
  if (targets) {
    view.value('trainable_token_indices');
    const clash = Object.keys(targets).find((t) => spec.modulesToSave.includes(t));
    if (clash) findings.push({ code: 'model/token-target-conflict', severity: 'error', key: 'trainable_token_indices', message: `PEFT stops: the embedding layer ${clash} is already trained fully through modules_to_save; use either modules_to_save or trainable_token_indices for it, not both.` });
    else {
      parts.tokens = trainableTokens(arch, targets, 'trainable_token_indices', findings);
      parts.selection.tokenModules = modulesEndingWith(arch, Object.keys(targets)).map((m) => m.name);
    }
  }
  if (method.hasBias) parts.bias = trainableBiases(view, arch, parts.targets, copies.modules, findings);
}

function unsupportedLayer(method: Method, modules: ModuleInfo[], spec: TargetSpec): PeftFinding {
  const first = modules[0];
  const kind = first.className ?? first.type;
  const more = modules.length > 1 ? ` (and ${modules.length - 1} more)` : '';
  const inside = first.type === 'Other' ? ' Name the layers inside it instead.' : '';
  return {
    code: 'model/unsupported-layer',
    severity: 'error',
    key: spec.targetModules === null ? 'peft_type' : 'target_modules',
    message: `PEFT stops with "Target module ... is not supported": ${method.label} cannot adapt \`${first.name}\` (${kind})${more}; it supports ${method.supportText}.${inside}`,
  };
}

function finish(arch: Architecture, view: PeftView, extraUsed: string[], p: Parts, fixedTrainable?: number): Counted {
  const added = p.adapter + p.copies + p.tokens;
  const trainable = fixedTrainable ?? p.adapter - p.adapterFrozen + p.copies + p.tokens + p.bias;
  const breakdown = [
    { term: 'adapter', trainable: p.adapter - p.adapterFrozen, added: p.adapter },
    { term: 'modules_to_save copies', trainable: p.copies, added: p.copies },
    { term: 'trainable tokens', trainable: p.tokens, added: p.tokens },
    { term: 'biases', trainable: p.bias, added: 0 },
  ].filter((b) => b.trainable !== 0 || b.added !== 0);
  const counts: ParamCounts = {
    trainable,
    total: arch.totalParams + added,
    computedFrom: [`model ${arch.id} (${arch.source}) as ${arch.className}`, ...(arch.computedFrom ?? []).map((k) => `config.json ${k}`), ...view.used, ...extraUsed],
    targets: [...new Set(p.targets.map((m) => leaf(m.name)))].sort(),
    adapterModules: p.targets.length + p.parameters.length,
    ...(p.parameters.length ? { targetParameters: [...new Set(p.parameters.map((x) => x.key.split('.').slice(-2).join('.')))].sort() } : {}),
    breakdown,
  };
  return { counts, selection: { ...p.selection, assumed: [...view.assumed] } };
}
