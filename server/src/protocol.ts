/**
 * Custom requests and notifications between the client and the server, declared once; both sides
 * import these names and shapes (plain data, no library types, so the client bundle stays small).
 */
import type { EstimateOverrides, EstimateResult } from '../../core/src/index';

export const ESTIMATE_REQUEST = 'peftLens/estimate';
export interface EstimateParams {
  uri: string;
  overrides?: EstimateOverrides;
}
export type EstimateResponse = EstimateResult | null;

/** Sent by the client when VS Code's workspace trust changes (LSP itself has no notion of it). */
export const TRUST_NOTIFICATION = 'peftLens/trustChanged';
export interface TrustParams {
  trusted: boolean;
}

/** initializationOptions the VS Code client sends; other clients may send nothing. */
export interface InitOptions {
  trusted?: boolean;
  settings?: Record<string, unknown>;
}

/** What the server holds: for the status bar and for tests that check state is dropped on close. */
export const STATUS_REQUEST = 'peftLens/status';
export interface StatusResponse {
  version: string;
  openDocuments: number;
  cachedDocuments: number;
  trusted: boolean;
}
