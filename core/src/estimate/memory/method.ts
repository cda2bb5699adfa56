/**
 * What a training method changes in memory: which base weights train, which Linears carry an adapter
 * (and read a saved copy of their input), how many virtual tokens lengthen the sequence. Which
 * modules carry what is not decided here: the parameter count selected them (params/selection.ts),
 * and this reads its selection.
 */
import type { Architecture } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { AdaptedModule, AdaptedParameter, AdapterSelection, CountedModel } from '../params/selection';
import type { ParamCounts } from '../types';
import { inputGroup, roleOf } from './roles';
import type { Role } from './roles';

export interface AdaptedLinear {
  name: string;
  layer?: number;
  role: Role;
  inFeatures: number;
  outFeatures: number;
  /** The adapter's rank (0 for IA3 and tuners without a rank-wide intermediate). */
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
  /** Raw parameters adapted through target_parameters (MoE experts), as the count selected them. */
  parameters: AdaptedParameter[];
  /** Layers holding trainable tensors besides the adapted Linears (adapted parameters, LLaMA-Adapter prompts, other adapted modules). */
  trainableLayers: number[];
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

const NO_ADAPTERS = { adapted: [], parameters: [], trainableLayers: [], virtualTokens: 0, fullLayers: 0, inputsNeedGrad: false, lmHeadTrains: false, baseDtypeTrainable: 0, adapterTrainable: 0 };

export function describeMethod(plan: TrainingPlan, counted: CountedModel, notes: string[]): MethodShape {
  const { architecture: arch, counts: params, selection: s } = counted;
  if (s.peftType === 'FREEZE') return freezeShape(arch, params, notes);
  if (s.peftType === 'FULL') {
    return { ...NO_ADAPTERS, kind: 'full', fullLayers: arch.numLayers, inputsNeedGrad: true, lmHeadTrains: true, baseDtypeTrainable: params.trainable };
  }
  notes.push(...s.assumed);
  const copies = s.copies.reduce((sum, c) => sum + c.params, 0);
  const common = {
    ...NO_ADAPTERS,
    baseDtypeTrainable: copies,
    adapterTrainable: Math.max(0, params.trainable - copies),
    inputsNeedGrad: belowFirstLayer(s),
    lmHeadTrains: s.copies.some((c) => c.outputEmbedding),
  };
  const prompt = s.prompt;
  if (prompt && prompt.placement !== 'attention') return { ...common, kind: prompt.placement === 'prefix' ? 'prefix' : 'prompt', virtualTokens: prompt.virtualTokens };
  const linear = s.modules.filter((m) => m.type === 'Linear' || m.type === 'Conv1D');
  const others = s.modules.filter((m) => !linear.includes(m));
  if (s.parameters.length > 0) notes.push(`LoRA on ${s.parameters.length} raw parameter(s) through target_parameters: the dense weight delta each builds per forward is not modelled`);
  const trainableLayers = [...s.parameters, ...others].flatMap((x) => (x.layer === undefined ? [] : [x.layer]));
  trainableLayers.push(...(prompt?.layers ?? []));
  return { ...common, kind: 'adapter', adapted: adaptedLinears(plan, linear), parameters: s.parameters, trainableLayers };
}

/** Something trains below the first layer: an embedding (copied, adapted or some of its rows), input prompts, LN tuning's norms. */
function belowFirstLayer(s: AdapterSelection): boolean {
  if (s.peftType === 'LN_TUNING' || s.prompt?.placement === 'input' || s.tokenModules.length > 0) return true;
  return s.copies.some((c) => c.embedding) || s.modules.some((m) => m.type === 'Embedding');
}

function adaptedLinears(plan: TrainingPlan, modules: AdaptedModule[]): AdaptedLinear[] {
  const peft = plan.peft ?? {};
  const dropout = [peft.lora_dropout, peft.vera_dropout, peft.rank_dropout, peft.module_dropout].find((v): v is number => typeof v === 'number') ?? 0;
  return modules.map((m) => ({
    name: m.name,
    layer: m.layer,
    role: roleOf(m.name),
    inFeatures: m.inFeatures,
    outFeatures: m.outFeatures,
    r: m.rank,
    dropout,
    kind: adapterKind(m),
  }));
}

function adapterKind(m: AdaptedModule): AdapterKind {
  if (m.kind === 'IA3') return m.feedforward ? 'ia3-input' : 'ia3-output';
  if (m.kind === 'LOHA' || m.kind === 'LOKR' || m.kind === 'VERA') return m.kind.toLowerCase() as AdapterKind;
  return m.dora ? 'dora' : 'lora';
}

/** Freeze tuning trains whole layers from the top down (LLaMA-Factory's default); the count says how many. */
function freezeShape(arch: Architecture, params: ParamCounts, notes: string[]): MethodShape {
  const perLayer = arch.modules.filter((m) => m.layer === 0).reduce((s, m) => s + m.params, 0) || arch.totalParams / arch.numLayers;
  const fullLayers = Math.min(arch.numLayers, Math.max(1, Math.ceil(params.trainable / perLayer)));
  notes.push(`freeze tuning: the last ${fullLayers} layer(s) train (from the trainable-parameter count)`);
  return { ...NO_ADAPTERS, kind: 'freeze', fullLayers, baseDtypeTrainable: params.trainable };
}

/** The first layer whose computation involves a trainable tensor: below it nothing needs a gradient. */
export function firstTrainableLayer(shape: MethodShape, numLayers: number): number {
  if (shape.inputsNeedGrad || shape.kind === 'prefix') return 0;
  const layers = shape.adapted.filter((a) => inputGroup(a.role) !== 'head').map((a) => a.layer ?? 0);
  layers.push(...shape.trainableLayers);
  if (shape.kind === 'freeze') layers.push(numLayers - shape.fullLayers);
  return layers.length > 0 ? Math.min(...layers) : numLayers;
}
