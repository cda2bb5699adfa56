/** peftLens/breakdown: the memory breakdown of an open document, inputs located in the editor. */
import { breakdownOf } from '../../../core/src/index';
import { spanToRange } from '../convert';
import type { BreakdownParams, BreakdownResponse } from '../protocol';
import { BREAKDOWN_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerBreakdown(state: ServerState): void {
  state.connection.onRequest(BREAKDOWN_REQUEST, (params: BreakdownParams, token) =>
    runSafe<BreakdownResponse | null>(state.log, 'breakdown', token, null, async () => {
      const open = await openDoc(state, params.uri);
      if (!open) return null;
      const b = await breakdownOf(open.doc, state.context(), params.overrides ?? {});
      const inputs = b.inputs.map(({ span, field: _field, ...rest }) => ({ ...rest, ...(span ? { range: spanToRange(open.text, span) } : {}) }));
      return { ...b, uri: params.uri, inputs };
    }),
  );
}
