/**
 * Estimate: the training plan the file amounts to (model, method, settings), with overrides from
 * the caller applied, and, as the estimators land, the parameter counts and memory for it.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { estimateMemory } from '../estimate/memory/index';
import { estimateTime } from '../estimate/time/index';
import { estimateParams } from '../estimate/params/estimateParams';
import type { CountedModel } from '../estimate/params/selection';
import type { EstimateOverrides, EstimateResult } from '../estimate/types';
import type { Sourced, TrainingPlan } from '../plan';
import type { SizeKey } from '../limits';
import { SIZE_LIMITS, withinLimit } from '../limits';
import type { Settings } from '../settings';
import type { Issue } from '../types';
import { planOf } from './planOf';

// Hover, CodeLens, the rank table and the breakdown all ask for the same document's estimate; a
// ConfigDoc is one version of a file and a Context one set of settings, so the answer is kept per pair.
const memo = new WeakMap<Context, WeakMap<ConfigDoc, Map<string, Promise<EstimateResult>>>>();

/** The estimate for a document (results are shared between callers: treat them as read-only). */
export function estimate(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides = {}): Promise<EstimateResult> {
  let perContext = memo.get(ctx);
  if (!perContext) memo.set(ctx, (perContext = new WeakMap()));
  let perDoc = perContext.get(doc);
  if (!perDoc) perContext.set(doc, (perDoc = new Map()));
  const key = JSON.stringify(overrides);
  let result = perDoc.get(key);
  if (!result) perDoc.set(key, (result = computeEstimate(doc, ctx, overrides)));
  return result;
}

async function computeEstimate(doc: ConfigDoc, ctx: Context, overrides: EstimateOverrides): Promise<EstimateResult> {
  if (!doc.format) {
    return {
      path: doc.path,
      format: null,
      issues: [{ code: 'estimate/not-a-config', severity: 'error', message: 'Not a recognised fine-tuning config (PEFT adapter_config.json, axolotl, LLaMA-Factory, torchtune or TRL); add `# peft-lens: format=<name>` as the first line to force one.', span: { start: 0, end: 0 } }],
    };
  }
  const checked = checkOverrides(overrides);
  overrides = checked.overrides;
  const sized = checkPlanSizes(applyOverrides((await planOf(doc, ctx)).plan, overrides, ctx.settings));
  const plan = sized.plan;
  const result: EstimateResult = {
    path: doc.path,
    format: doc.format,
    model: plan.model ? { id: plan.model.value } : undefined,
    method: plan.method.value,
    plan,
    issues: [...checked.issues, ...sized.issues],
  };
  // Parameters: resolve the model and count what the method trains; the counted model feeds memory.
  const counted = await estimateParams(result, plan, doc, ctx);
  return attachMemory(result, counted, settingsFor(ctx.settings, overrides));
}

const SIZED: [keyof EstimateOverrides & SizeKey, string][] = [
  ['microBatchSize', 'micro-batch size'],
  ['sequenceLength', 'sequence length'],
  ['gpus', 'GPU count'],
  ['rank', 'rank'],
];

/** Overrides arrive from flags and editor requests: a size outside SIZE_LIMITS is left out with an error, never estimated. */
function checkOverrides(o: EstimateOverrides): { overrides: EstimateOverrides; issues: Issue[] } {
  const overrides = { ...o };
  const issues: Issue[] = [];
  for (const [key, what] of SIZED) {
    if (overrides[key] === undefined || withinLimit(key, overrides[key])) continue;
    delete overrides[key];
    const message = `The requested ${what} is not a whole number from 1 to ${SIZE_LIMITS[key].toLocaleString('en-US')}; it is ignored and the file's value is used.`;
    issues.push({ code: 'estimate/override-out-of-range', severity: 'error', message, span: { start: 0, end: 0 } });
  }
  return { overrides, issues };
}

const PLAN_SIZES: [keyof TrainingPlan['training'] & SizeKey, string][] = [
  ['microBatchSize', 'micro-batch size'],
  ['sequenceLength', 'sequence length'],
  ['gradientAccumulationSteps', 'gradient accumulation steps'],
  ['gpus', 'GPU count'],
];

/**
 * A file's sizes are counts: a fraction, zero or a size beyond SIZE_LIMITS (which check reports
 * at the value) is left out, with an issue, so the estimate never multiplies by it.
 */
function checkPlanSizes(plan: TrainingPlan): { plan: TrainingPlan; issues: Issue[] } {
  const training = { ...plan.training };
  const issues: Issue[] = [];
  for (const [key, what] of PLAN_SIZES) {
    const s = training[key];
    if (!s || withinLimit(key, s.value)) continue;
    delete training[key];
    const message = `The ${what}${s.key ? ` (\`${s.key}\`)` : ''} is not a whole number from 1 to ${SIZE_LIMITS[key].toLocaleString('en-US')}, so the memory estimate does not use it.`;
    issues.push({ code: 'estimate/size-out-of-range', severity: 'error', message, span: s.span ?? { start: 0, end: 0 } });
  }
  // A rank too large for any layer (PEFT's own refusals of zero and negatives stay with the count).
  const peft = plan.peft && { ...plan.peft };
  const peftSources = plan.peftSources && { ...plan.peftSources };
  for (const key of ['r', 'init_r']) {
    const r = peft?.[key];
    if (typeof r !== 'number' || (Number.isInteger(r) && r <= SIZE_LIMITS.rank)) continue;
    delete peft![key];
    if (peftSources) delete peftSources[key];
    const span = plan.peftSources?.[key]?.span ?? { start: 0, end: 0 };
    issues.push({ code: 'estimate/size-out-of-range', severity: 'error', message: `The rank \`${key}\` is not a whole number up to ${SIZE_LIMITS.rank.toLocaleString('en-US')}, so parameters and memory are not estimated from it.`, span });
  }
  // What a format derives from an absurd value (LLaMA-Factory's lora_alpha = 2 × lora_rank) goes with it.
  for (const [key, v] of Object.entries(peft ?? {})) {
    if (typeof v !== 'number' || Number.isFinite(v)) continue;
    delete peft![key];
    if (peftSources) delete peftSources[key];
  }
  return { plan: { ...plan, training, ...(peft ? { peft, peftSources } : {}) }, issues };
}

function applyOverrides(plan: TrainingPlan, o: EstimateOverrides, settings: Settings): TrainingPlan {
  const flag = <T>(value: T, name: string): Sourced<T> => ({ value, assumed: `set by ${name}` });
  const t = { ...plan.training };
  if (o.microBatchSize !== undefined) t.microBatchSize = flag(o.microBatchSize, '--batch');
  if (o.sequenceLength !== undefined) t.sequenceLength = flag(o.sequenceLength, '--seq');
  if (o.gradientCheckpointing !== undefined) t.gradientCheckpointing = flag(o.gradientCheckpointing, '--gradient-checkpointing');
  if (o.precision !== undefined) t.precision = flag(o.precision, '--precision');
  if (o.optimizer !== undefined) t.optimizer = flag(o.optimizer, '--optimizer');
  if (o.gpus !== undefined) t.gpus = flag(o.gpus, '--gpus');
  if (o.loop !== undefined) t.loop = flag(o.loop, '--loop');
  else if (settings.trainingLoop !== 'auto') t.loop = flag(settings.trainingLoop, 'the peftLens.trainingLoop setting');
  let adapter = o.rank !== undefined && plan.peft ? withRank(plan, flag(o.rank, 'the rank comparison')) : {};
  if (o.targetModules !== undefined && plan.peft) adapter = withTargets({ ...plan, ...adapter }, flag(o.targetModules, 'the inlay hints'));
  return { ...plan, ...adapter, model: o.model !== undefined ? flag(o.model, '--model') : plan.model, training: t };
}

/** The plan's adapter with another rank (AdaLoRA's starting rank too, which sizes its matrices). */
function withRank(plan: TrainingPlan, rank: Sourced<number>): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const keys = plan.peft?.init_r !== undefined ? ['r', 'init_r'] : ['r'];
  const peft: Record<string, unknown> = { ...plan.peft };
  const peftSources: Record<string, Sourced<unknown>> | undefined = plan.peftSources && { ...plan.peftSources };
  for (const key of keys) {
    peft[key] = rank.value;
    if (peftSources) peftSources[key] = rank;
  }
  return { peft, peftSources };
}

/** The plan's adapter on other modules (the same method, rank and options). */
function withTargets(plan: TrainingPlan, targets: Sourced<string[]>): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  return {
    peft: { ...plan.peft, target_modules: targets.value },
    peftSources: plan.peftSources && { ...plan.peftSources, target_modules: targets },
  };
}

/** The settings an estimate runs with: `--gpu` / `--gpus` win over `peftLens.gpu` / `peftLens.gpuCount`. */
export function settingsFor(settings: Settings, o: EstimateOverrides): Settings {
  return { ...settings, gpu: o.gpu ?? settings.gpu, gpuCount: o.gpus ?? settings.gpuCount };
}

/**
 * The memory step of an estimate: once the plan's model has resolved and the parameters are counted
 * (with the modules PEFT selected), adds the training-memory estimate (per GPU, with its breakdown,
 * fit verdict and the largest micro-batch / sequence length that fit) and the step time from the same plan.
 */
export function attachMemory(result: EstimateResult, counted: CountedModel | undefined, settings: Settings): EstimateResult {
  if (!result.plan || !counted) return result;
  return { ...result, memory: estimateMemory(result.plan, counted, settings), time: estimateTime(result.plan, counted, settings) };
}
