/** peftLens/compareRanks: trainable parameters and peak memory across ranks for an open document. */
import { compareRanks, RANKS_TO_COMPARE, withinLimit } from '../../../core/src/index';
import type { CompareRanksParams, CompareRanksResponse } from '../protocol';
import { COMPARE_RANKS_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerCompareRanks(state: ServerState): void {
  state.connection.onRequest(COMPARE_RANKS_REQUEST, (params: CompareRanksParams, token) =>
    runSafe<CompareRanksResponse | null>(state.log, 'compareRanks', token, null, async () => {
      const open = await openDoc(state, params.uri);
      if (!open) return null;
      const ranks = params.ranks?.filter((r) => withinLimit('rank', r)) ?? RANKS_TO_COMPARE;
      return { uri: params.uri, ...(await compareRanks(open.doc, state.context(), params.overrides ?? {}, ranks)) };
    }),
  );
}
