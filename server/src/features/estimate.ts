/** The custom estimate request: the core's estimate for an open document, with caller overrides. */
import { estimate } from '../../../core/src/index';
import type { EstimateParams, EstimateResponse } from '../protocol';
import { ESTIMATE_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';

export function registerEstimate(state: ServerState): void {
  state.connection.onRequest(ESTIMATE_REQUEST, (params: EstimateParams, token) =>
    runSafe<EstimateResponse>(state.log, 'estimate', token, null, async () => {
      const text = state.documents.get(params.uri);
      if (!text) return null;
      return estimate(state.store.get(text), state.context(), params.overrides ?? {});
    }),
  );
}
