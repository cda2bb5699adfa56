/**
 * A model peft-lens cannot find: said once, as information on the model value (the file may be fine;
 * peft-lens only lacks the model's config.json), so the Problems panel shows why the estimate and the
 * model checks are missing. Resolutions that already carry a notice (outside the workspace, Hub
 * failure, an architecture not modelled) are not repeated here.
 */
import type { ModelResolution } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { Issue } from '../../types';
import { modelSpan } from './spans';

export const UNRESOLVED_CODE = 'model/unresolved';

export function unresolvedModelIssue(plan: TrainingPlan, resolution: ModelResolution): Issue | undefined {
  const ref = plan.model?.value;
  if (!ref || resolution.architecture || (resolution.notices ?? []).length > 0) return undefined;
  const message = [
    `No parameter or memory estimate: peft-lens has no config.json for ${ref}.`,
    'Point the model at a local folder that holds its config.json, add it to a catalog folder (peftLens.modelCatalog), or enable Hub look-ups (peftLens.modelLookups).',
    `Tried: ${resolution.tried.join('; ')}.`,
  ].join(' ');
  return { code: UNRESOLVED_CODE, severity: 'info', message, span: modelSpan(plan) };
}
