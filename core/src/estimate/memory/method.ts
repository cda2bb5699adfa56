/**
 * What a training method changes in memory: which base weights train, which Linears carry an adapter
 * (and read a saved copy of their input), how many virtual tokens lengthen the sequence.
 */
import type { Architecture } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { ParamCounts } from '../types';
import { inputGroup, roleOf } from './roles';
import type { Role } from './roles';
import { defaultTargets, matchesTarget, patternValue, selectLinears } from './targets';

export interface AdaptedLinear {
  name: string;
  layer?: number;
  role: Role;
  inFeatures: number;
  outFeatures: number;
  /** LoRA-family rank (0 for IA3). */
  r: number;
  dropout: number;
  kind: AdapterKind;
}

/**
 * How an adapter computes, which decides what it saves: LoRA-like (LoRA, AdaLoRA and the other
 * low-rank/orthogonal methods) read a copy of the input; DoRA adds the magnitude's two outputs; LoHa
 * and LoKr build a dense delta weight per forward; VeRA scales frozen random projections; IA3 scales
 * a module's output, or (feed-forward modules) its input.
 */
export type AdapterKind = 'lora' | 'dora' | 'loha' | 'lokr' | 'vera' | 'ia3-output' | 'ia3-input';

export interface MethodShape {
  kind: 'full' | 'freeze' | 'adapter' | 'prompt' | 'prefix';
  adapted: AdaptedLinear[];
  /** Virtual tokens of prompt/prefix tuning (0 otherwise). */
  virtualTokens: number;
  /** How many of the last layers train all their weights (all of them for full fine-tuning). */
  fullLayers: number;
  /** Something below the first layer trains (embeddings, an embedding adapter, prompts, norms under LN tuning): every layer's input needs grad. */
  inputsNeedGrad: boolean;
  lmHeadTrains: boolean;
  /** Trainable parameters kept in the base weight dtype (full/freeze weights, modules_to_save copies). */
  baseDtypeTrainable: number;
  /** Trainable parameters of the adapters themselves. */
  adapterTrainable: number;
}

const PROMPT_TYPES = ['prompt_tuning', 'p_tuning', 'multitask_prompt_tuning', 'cpt'];

export function describeMethod(plan: TrainingPlan, arch: Architecture, params: ParamCounts, notes: string[]): MethodShape {
  const method = plan.method.value.toLowerCase();
  const base = { adapted: [], virtualTokens: 0, fullLayers: 0, inputsNeedGrad: false, lmHeadTrains: false, baseDtypeTrainable: 0, adapterTrainable: 0 };
  if (method === 'freeze') return freezeShape(arch, params, notes);
  // A config without an adapter is full fine-tuning; a named PEFT method without its settings gets PEFT's defaults.
  if (method === 'full' || (!plan.peft && params.trainable >= params.total)) {
    return { ...base, kind: 'full', fullLayers: arch.numLayers, inputsNeedGrad: true, lmHeadTrains: true, baseDtypeTrainable: params.trainable };
  }
  if (!plan.peft) notes.push(`${method}: no adapter settings were read from the file, PEFT's defaults assumed`);
  const peft = plan.peft ?? {};
  const peftType = String(peft.peft_type ?? (method === 'qlora' ? 'lora' : method)).toLowerCase();
  const saved = modulesToSaveParams(arch, peft.modules_to_save);
  const adaptsEmbedding = arch.modules.some((m) => m.type === 'Embedding' && matchesTarget(m.name, peft.target_modules));
  const common = {
    ...base,
    baseDtypeTrainable: saved.params,
    adapterTrainable: Math.max(0, params.trainable - saved.params),
    inputsNeedGrad: saved.embedding || adaptsEmbedding || PROMPT_TYPES.includes(peftType) || peftType === 'ln_tuning',
    lmHeadTrains: saved.lmHead,
  };
  if (PROMPT_TYPES.includes(peftType) || peftType === 'prefix_tuning') {
    const virtualTokens = typeof peft.num_virtual_tokens === 'number' ? peft.num_virtual_tokens : 20;
    return { ...common, kind: peftType === 'prefix_tuning' ? 'prefix' : 'prompt', virtualTokens };
  }
  if (peftType === 'ln_tuning') return { ...common, kind: 'adapter' };
  return { ...common, kind: 'adapter', adapted: adaptedLinears(arch, peft, peftType, notes) };
}

function adaptedLinears(arch: Architecture, peft: Record<string, unknown>, peftType: string, notes: string[]): AdaptedLinear[] {
  let targets: unknown = peft.target_modules;
  let feedforward: unknown = peft.feedforward_modules;
  if (targets === undefined || targets === null) {
    const d = defaultTargets(peftType, arch.modelType);
    targets = d.targets;
    feedforward ??= d.feedforward;
    notes.push(d.fromDefault);
  }
  // AdaLoRA starts from init_r; VeRA's shared projections default to rank 256; the rest to 8.
  const rank = peftType === 'adalora' ? peft.init_r ?? peft.r : peft.r;
  const r = typeof rank === 'number' ? rank : peftType === 'vera' ? 256 : peftType === 'adalora' ? 12 : 8;
  const dropout = [peft.lora_dropout, peft.vera_dropout, peft.rank_dropout, peft.module_dropout].find((v): v is number => typeof v === 'number') ?? 0;
  return selectLinears(arch, peft, targets).map((m) => ({
    name: m.name,
    layer: m.layer,
    role: roleOf(m.name),
    inFeatures: m.inFeatures ?? arch.hiddenSize,
    outFeatures: m.outFeatures ?? arch.hiddenSize,
    r: peftType === 'ia3' ? 0 : patternValue(m.name, peft.rank_pattern, r),
    dropout,
    kind: adapterKind(peftType, peft, matchesTarget(m.name, feedforward)),
  }));
}

function adapterKind(peftType: string, peft: Record<string, unknown>, feedforward: boolean): AdapterKind {
  if (peftType === 'ia3') return feedforward ? 'ia3-input' : 'ia3-output';
  if (peftType === 'loha' || peftType === 'lokr' || peftType === 'vera') return peftType;
  return peft.use_dora === true ? 'dora' : 'lora';
}

/** modules_to_save trains a full copy of each named module, in the base weights' dtype. */
function modulesToSaveParams(arch: Architecture, spec: unknown): { params: number; embedding: boolean; lmHead: boolean } {
  if (!Array.isArray(spec) || spec.length === 0) return { params: 0, embedding: false, lmHead: false };
  const hits = arch.modules.filter((m) => matchesTarget(m.name, spec));
  const owner = (m: (typeof hits)[number]) => (m.tiedTo ? arch.modules.find((o) => o.name === m.tiedTo)?.params ?? 0 : m.params);
  return {
    params: hits.reduce((s, m) => s + owner(m), 0),
    embedding: hits.some((m) => m.type === 'Embedding'),
    lmHead: hits.some((m) => roleOf(m.name) === 'lm_head'),
  };
}

/** Freeze tuning trains whole layers from the top down (LLaMA-Factory's default); the count says how many. */
function freezeShape(arch: Architecture, params: ParamCounts, notes: string[]): MethodShape {
  const perLayer = arch.modules.filter((m) => m.layer === 0).reduce((s, m) => s + m.params, 0) || arch.totalParams / arch.numLayers;
  const fullLayers = Math.min(arch.numLayers, Math.max(1, Math.ceil(params.trainable / perLayer)));
  notes.push(`freeze tuning: the last ${fullLayers} layer(s) train (from the trainable-parameter count)`);
  return { kind: 'freeze', adapted: [], virtualTokens: 0, fullLayers, inputsNeedGrad: false, lmHeadTrains: false, baseDtypeTrainable: params.trainable, adapterTrainable: 0 };
}

/** The first layer whose computation involves a trainable tensor: below it nothing needs a gradient. */
export function firstTrainableLayer(shape: MethodShape, numLayers: number): number {
  if (shape.inputsNeedGrad || shape.kind === 'prefix') return 0;
  const layers = shape.adapted.filter((a) => inputGroup(a.role) !== 'head').map((a) => a.layer ?? 0);
  if (shape.kind === 'freeze') layers.push(numLayers - shape.fullLayers);
  return layers.length > 0 ? Math.min(...layers) : numLayers;
}
