/**
 * The estimate's parameter step: resolve the plan's model, count parameters for its method, and
 * put model, method and counts (or why they are missing) into the result. Returns the counted model
 * (architecture, counts and what PEFT selected), which the memory estimate builds on.
 */
import type { Context } from '../../context';
import type { ConfigDoc } from '../../document';
import type { TrainingPlan } from '../../plan';
import { findingToIssue } from '../../rules/model/modelChecks';
import { modelSpan } from '../../rules/model/spans';
import type { EstimateResult } from '../types';
import { countedModel, countParams } from './countParams';
import type { CountedModel } from './selection';

export async function estimateParams(result: EstimateResult, plan: TrainingPlan, doc: ConfigDoc, ctx: Context): Promise<CountedModel | undefined> {
  const ref = plan.model?.value;
  if (!ref) {
    result.issues.push({ code: 'estimate/no-model', severity: 'warning', message: 'The config names no base model, so parameters cannot be counted.', span: plan.method.span ?? { start: 0, end: 0 } });
    return undefined;
  }
  if (!ctx.models) return undefined;
  const resolution = await ctx.models.resolve(ref, doc.path);
  const span = modelSpan(plan);
  for (const n of resolution.notices ?? []) result.issues.push({ ...n, span });
  const base = resolution.architecture;
  if (!base) {
    if (!resolution.notices?.some((n) => n.code === 'model/unsupported-architecture' || n.code === 'model/invalid-config')) {
      result.issues.push({ code: 'estimate/unknown-model', severity: 'warning', message: unknownModelMessage(ref, resolution.tried), span });
    }
    return undefined;
  }
  const counted = countParams(plan, base);
  const arch = counted.architecture ?? base;
  result.model = { id: base.id, source: base.source, ...(base.file ? { file: base.file } : {}), architecture: arch.className };
  if (counted.counts) result.params = counted.counts;
  result.issues.push(...counted.findings.map((f) => findingToIssue(doc, plan, f)));
  return countedModel(counted);
}

/** What to do about a model peft-lens cannot find: one sentence, then each way to give it the config.json. */
export function unknownModelMessage(ref: string, tried: string[]): string {
  return [
    `Unknown model ${ref}: peft-lens needs its config.json to estimate, in one of these ways:`,
    '(1) a local folder: point the config at the model folder (or its config.json), pass `--model PATH` to the CLI, or put the config.json beside this config;',
    '(2) a user catalog: set `peftLens.modelCatalog` (CLI `--catalog DIR`) to a folder of config.json files named by model id;',
    '(3) Hub look-ups: enable `peftLens.modelLookups` (CLI `--model-lookups`).',
    `Tried: ${tried.join('; ')}.`,
  ].join(' ');
}
