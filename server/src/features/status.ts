import type { StatusResponse } from '../protocol';
import { STATUS_REQUEST } from '../protocol';
import type { ServerState } from '../state';

declare const PEFT_LENS_VERSION: string;

export function registerStatus(state: ServerState, trusted: () => boolean): void {
  state.connection.onRequest(STATUS_REQUEST, async (): Promise<StatusResponse> => {
    await state.ready;
    return {
      version: typeof PEFT_LENS_VERSION === 'string' ? PEFT_LENS_VERSION : 'dev',
      openDocuments: state.documents.all().length,
      cachedDocuments: state.store.size,
      trusted: trusted(),
    };
  });
}
