/** peftLens/largestFit: the largest micro-batch and sequence length that fit the selected GPU. */
import { largestFit } from '../../../core/src/index';
import type { LargestFitParams, LargestFitResponse } from '../protocol';
import { LARGEST_FIT_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerLargestFit(state: ServerState): void {
  state.connection.onRequest(LARGEST_FIT_REQUEST, (params: LargestFitParams, token) =>
    runSafe<LargestFitResponse | null>(state.log, 'largestFit', token, null, async () => {
      const open = await openDoc(state, params.uri);
      if (!open) return null;
      return { uri: params.uri, ...(await largestFit(open.doc, state.context(), params.overrides ?? {}, params.gpu)) };
    }),
  );
}
