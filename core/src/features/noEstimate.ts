/**
 * Why a document has no estimate, in one short phrase for the CodeLens and the hover. An unresolved
 * model is explained in full once, by the information diagnostic on the model value (model/unresolved);
 * the other places name the cause and point there instead of repeating it.
 */
import type { EstimateResult } from '../estimate/types';

export function noEstimateReason(result: EstimateResult): string {
  const first = result.issues[0];
  if (first?.code === 'estimate/unknown-model') return result.model ? `model ${result.model.id} not found` : 'model not found';
  return first?.message ?? 'the estimate is not available for this file yet';
}

/** The full sentence behind the short reason (the lens tooltip). */
export function noEstimateDetail(result: EstimateResult): string {
  return result.issues[0]?.message ?? 'the estimate is not available for this file yet';
}
