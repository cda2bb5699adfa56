/**
 * peftLens/methods, peftLens/insertMethod and peftLens/gpus: the method picker for a document or format,
 * a method merged into a document, and the GPU catalog (with each card's fit for a document).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormatId, MethodInsertion } from '../../../core/src/index';
import { applyEdits, FORMAT_IDS, fitsPerGpu, GPU_CATALOG, insertMethod, methodPicker } from '../../../core/src/index';
import { positionToOffset, spanToRange } from '../convert';
import type { GpusParams, GpusResponse, InsertMethodParams, InsertMethodResponse, MethodEdit, MethodsParams, MethodsResponse } from '../protocol';
import { GPUS_REQUEST, INSERT_METHOD_REQUEST, METHODS_REQUEST } from '../protocol';
import { runSafe } from '../runSafe';
import type { ServerState } from '../state';
import { openDoc } from './openDoc';

export function registerMethods(state: ServerState): void {
  state.connection.onRequest(METHODS_REQUEST, (params: MethodsParams, token) =>
    runSafe<MethodsResponse>(state.log, 'methods', token, { format: null, items: [] }, async () => {
      const open = params.uri ? await openDoc(state, params.uri) : undefined;
      return methodPicker({ doc: open?.doc, format: params.format });
    }),
  );
  state.connection.onRequest(INSERT_METHOD_REQUEST, (params: InsertMethodParams, token) =>
    runSafe<InsertMethodResponse>(state.log, 'insertMethod', token, { reason: 'The insertion failed; see the PEFT Lens output.' }, async (): Promise<InsertMethodResponse> => {
      const open = typeof params?.uri === 'string' ? await openDoc(state, params.uri) : undefined;
      if (!open || typeof params.method !== 'string') return { reason: 'The document is not open.' };
      const format = FORMAT_IDS.find((f) => f === params.format) as FormatId | undefined;
      const cursor = params.position ? positionToOffset(open.text, params.position) : undefined;
      const answer = await insertMethod(open.doc, params.method, state.context(), { format, cursor });
      if (!answer.ok) return { reason: answer.reason };
      const toLsp = (ins: MethodInsertion): MethodEdit => {
        // The snippet's place is given in the text the edits leave, which is what the editor has by then.
        const edited = TextDocument.create(params.uri, open.text.languageId, 0, applyEdits(open.doc.text, ins.edits));
        return {
          edits: ins.edits.map((e) => ({ range: spanToRange(open.text, e.span), newText: e.newText })),
          snippet: ins.snippet.body,
          snippetRangeAfterEdits: spanToRange(edited, ins.snippetSpanAfterEdits),
          added: ins.added,
          replaced: ins.replaced,
          removed: ins.removed,
          conflicts: ins.conflicts,
        };
      };
      return { merge: toLsp(answer.merge), ...(answer.defaults ? { defaults: toLsp(answer.defaults) } : {}) };
    }),
  );
  state.connection.onRequest(GPUS_REQUEST, async (params: GpusParams | undefined, token): Promise<GpusResponse> => {
    await state.ready;
    const { gpu, gpuCount } = state.context().settings;
    const catalog: GpusResponse = { selected: gpu, gpuCount, gpus: GPU_CATALOG.map((g) => ({ ...g })) };
    const open = typeof params?.uri === 'string' ? await openDoc(state, params.uri) : undefined;
    if (!open) return catalog;
    return runSafe<GpusResponse>(state.log, 'gpus', token, catalog, async () => ({ ...catalog, fits: await fitsPerGpu(open.doc, state.context()) }));
  });
}
