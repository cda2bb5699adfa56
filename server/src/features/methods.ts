/** peftLens/methods and peftLens/gpus: the method picker for a document or format, and the GPU catalog. */
import { fitsPerGpu, GPU_CATALOG, methodPicker } from '../../../core/src/index';
import type { GpusParams, GpusResponse, MethodsParams, MethodsResponse } from '../protocol';
import { GPUS_REQUEST, METHODS_REQUEST } from '../protocol';
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
  state.connection.onRequest(GPUS_REQUEST, async (params: GpusParams | undefined, token): Promise<GpusResponse> => {
    await state.ready;
    const { gpu, gpuCount } = state.context().settings;
    const catalog: GpusResponse = { selected: gpu, gpuCount, gpus: GPU_CATALOG.map((g) => ({ ...g })) };
    const open = typeof params?.uri === 'string' ? await openDoc(state, params.uri) : undefined;
    if (!open) return catalog;
    return runSafe<GpusResponse>(state.log, 'gpus', token, catalog, async () => ({ ...catalog, fits: await fitsPerGpu(open.doc, state.context()) }));
  });
}
