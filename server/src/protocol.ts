/**
 * Custom requests and notifications between the client and the server, declared once; both sides
 * import these names and shapes (plain data, no library types, so the client bundle stays small).
 *
 * Standard LSP the server also answers: textDocument/hover, completion, codeAction, codeLens (each
 * lens runs SHOW_BREAKDOWN_COMMAND), diagnostics; it sends workspace/codeLens/refresh when the
 * estimate inputs outside the file change (settings, trust).
 *
 * Every custom answer is usable before the estimators have anything to say: `available: false`
 * with a `reason` sentence, and the parts that need no estimate (method list, GPU catalog, plan
 * inputs) still filled in.
 */
import type {
  Breakdown,
  EstimateInput as CoreEstimateInput,
  EstimateOverrides,
  EstimateResult,
  Gpu,
  GpuFit,
  LargestFit,
  MethodPicker,
  RankComparison,
} from '../../core/src/index';

// The answers are the core's own result types (plain data), with the document's uri added and spans
// turned into ranges; they are re-exported here so the client imports one module.
export type { BreakdownTerm, FitVerdict, FitVerdictKind, MethodItem, PaperRef, RankRow } from '../../core/src/index';

/** Zero-based line/character (UTF-16), as in LSP. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Most requests are about one open document; overrides win over what the file says (like CLI flags). */
export interface DocumentParams {
  uri: string;
  overrides?: EstimateOverrides;
}

// ─── Commands the client registers (the server only names them in CodeLenses) ───────────────────
/** Opens the memory breakdown view; arguments: [uri: string]. */
export const SHOW_BREAKDOWN_COMMAND = 'peftLens.showBreakdown';

/**
 * Quick fixes that need the editor, not a text edit: offered only to a client that lists them in
 * InitOptions.commands. Choose the folder (or config.json) of a model peft-lens cannot find and point
 * the model value at it; arguments: [uri: string, range: Range, path?: string] (`path` skips the dialog).
 */
export const CHOOSE_MODEL_FOLDER_COMMAND = 'peftLens.chooseModelFolder';
/** Turns on peftLens.modelLookups for this workspace; no arguments. */
export const ENABLE_MODEL_LOOKUPS_COMMAND = 'peftLens.enableModelLookups';

// ─── Raw estimate (CLI-shaped) ──────────────────────────────────────────────────────────────────
export const ESTIMATE_REQUEST = 'peftLens/estimate';
export type EstimateParams = DocumentParams;
export type EstimateResponse = EstimateResult | null;

// ─── Memory breakdown (the view behind the CodeLens) ────────────────────────────────────────────
export const BREAKDOWN_REQUEST = 'peftLens/breakdown';
export type BreakdownParams = DocumentParams;

/** One input of an estimate and where it came from: a key in the file (with its range), or the default assumed. */
export interface EstimateInput extends Omit<CoreEstimateInput, 'span' | 'field'> {
  range?: Range;
}

export interface BreakdownResponse extends Omit<Breakdown, 'inputs'> {
  uri: string;
  inputs: EstimateInput[];
}

// ─── Rank comparison ────────────────────────────────────────────────────────────────────────────
export const COMPARE_RANKS_REQUEST = 'peftLens/compareRanks';
export interface CompareRanksParams extends DocumentParams {
  /** Ranks to compare; default the core's RANKS_TO_COMPARE (4 … 256). */
  ranks?: number[];
}

export interface CompareRanksResponse extends RankComparison {
  uri: string;
}

// ─── Largest micro-batch / sequence length that fit ─────────────────────────────────────────────
export const LARGEST_FIT_REQUEST = 'peftLens/largestFit';
export interface LargestFitParams extends DocumentParams {
  /** GPU name from the catalog; default the `peftLens.gpu` setting. */
  gpu?: string;
}

/** Edits to the document, titled, in LSP ranges: what a button applies. */
export interface EditToApply {
  title: string;
  edits: { range: Range; newText: string }[];
}

/** `apply`: the edits that write each answer into the file (the notification's Apply buttons). */
export interface LargestFitResponse extends Omit<LargestFit, 'apply'> {
  uri: string;
  apply?: { microBatchSize?: EditToApply; sequenceLength?: EditToApply };
}

// ─── Method picker ──────────────────────────────────────────────────────────────────────────────
export const METHODS_REQUEST = 'peftLens/methods';
/** Either an open document (its format is used) or a format id. */
export interface MethodsParams {
  uri?: string;
  format?: string;
}

export type MethodsResponse = MethodPicker;

/**
 * Insert a method as a merge into the document (core features/insertMethod.ts). `format`: the tool the
 * user chose for a file that is not recognised; `position`: the cursor (an empty line takes new keys).
 */
export const INSERT_METHOD_REQUEST = 'peftLens/insertMethod';
export interface InsertMethodParams {
  uri: string;
  method: string;
  format?: string;
  position?: Position;
}
/** Apply `edits`, then insert `snippet` (VS Code snippet syntax) at `snippetRangeAfterEdits`, as one undo step. */
export interface MethodEdit {
  edits: { range: Range; newText: string }[];
  snippet: string;
  snippetRangeAfterEdits: Range;
  added: string[];
  replaced: string[];
  removed: string[];
  /** Errors the result would have that the file does not: ask before inserting. */
  conflicts: string[];
}
/** `merge` when the method can be inserted (`defaults`: the method's own values, when the merge has conflicts), else `reason`. */
export interface InsertMethodResponse {
  merge?: MethodEdit;
  defaults?: MethodEdit;
  reason?: string;
}

// ─── GPU picker ─────────────────────────────────────────────────────────────────────────────────
export const GPUS_REQUEST = 'peftLens/gpus';
/** `uri`: an open document whose fit on each GPU the answer adds. */
export interface GpusParams {
  uri?: string;
}
/** A GPU of the catalog, as the picker shows it. */
export type GpuInfo = Gpu;
export type { GpuFit };
export interface GpusResponse {
  /** The GPU the settings select now. */
  selected: string;
  gpuCount: number;
  gpus: GpuInfo[];
  /** With a document: its verdict per GPU (empty when it has no memory estimate). */
  fits?: GpuFit[];
}

// ─── Notifications and state ────────────────────────────────────────────────────────────────────
/** Sent by the client when VS Code's workspace trust changes (LSP itself has no notion of it). */
export const TRUST_NOTIFICATION = 'peftLens/trustChanged';
export interface TrustParams {
  trusted: boolean;
}

/** initializationOptions the VS Code client sends; other clients may send nothing. */
export interface InitOptions {
  trusted?: boolean;
  /** Client commands the server may name in code actions (CHOOSE_MODEL_FOLDER_COMMAND, ...). */
  commands?: string[];
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
