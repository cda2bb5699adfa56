/** peftLens/largestFit: the largest micro-batch and sequence length that fit the selected GPU. */
import type { Fix } from '../../../core/src/index';
import { largestFit } from '../../../core/src/index';
import { spanToRange } from '../convert';
import type { EditToApply, LargestFitParams, LargestFitResponse } from '../protocol';
import { LARGEST_FIT_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerLargestFit(state: ServerState): void {
  state.connection.onRequest(LARGEST_FIT_REQUEST, (params: LargestFitParams, token) =>
    runSafe<LargestFitResponse | null>(state.log, 'largestFit', token, null, async () => {
      const open = await openDoc(state, params.uri);
      if (!open) return null;
      const { apply, ...fit } = await largestFit(open.doc, state.context(), params.overrides ?? {}, params.gpu);
      const toLsp = (f: Fix | undefined): EditToApply | undefined => f && { title: f.title, edits: f.edits.map((e) => ({ range: spanToRange(open.text, e.span), newText: e.newText })) };
      const batch = toLsp(apply?.microBatchSize);
      const sequence = toLsp(apply?.sequenceLength);
      return { uri: params.uri, ...fit, ...(apply ? { apply: { ...(batch ? { microBatchSize: batch } : {}), ...(sequence ? { sequenceLength: sequence } : {}) } } : {}) };
    }),
  );
}
