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
import type { EstimateOverrides, EstimateResult } from '../../core/src/index';

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

// ─── Raw estimate (CLI-shaped) ──────────────────────────────────────────────────────────────────
export const ESTIMATE_REQUEST = 'peftLens/estimate';
export type EstimateParams = DocumentParams;
export type EstimateResponse = EstimateResult | null;

// ─── Shared pieces ──────────────────────────────────────────────────────────────────────────────
export interface PaperRef {
  /** arXiv id, e.g. "2106.09685". */
  id: string;
  title: string;
  year?: number;
  url: string;
  /** One line on why it matters for this setting. */
  why?: string;
}

/** One input of an estimate and where it came from: a key in the file, or the default assumed. */
export interface EstimateInput {
  /** What it is in words ("micro-batch size", "LoRA rank"). */
  label: string;
  value: string;
  /** The key as written in the file, when a key gave the value. */
  key?: string;
  range?: Range;
  /** Set when no key gave the value: the sentence on the default that was assumed. */
  assumed?: string;
}

export type FitVerdictKind = 'fits' | 'tight' | 'does-not-fit' | 'unknown';

/** Peak device memory per GPU against the selected GPU's memory. */
export interface FitVerdict {
  verdict: FitVerdictKind;
  gpu: string;
  gpuCount: number;
  /** Memory the GPU offers, in bytes (undefined when the GPU is not in the catalog). */
  capacityBytes?: number;
  /** What one GPU needs (device bytes: peak allocated + CUDA context + allocator reserve). */
  requiredBytes?: number;
  /** capacity − required; negative when it does not fit. */
  headroomBytes?: number;
  /** One sentence: "fits with 12.3 GiB to spare on H100-80GB", "needs 96.1 GiB, H100-80GB has 79.1 GiB". */
  summary: string;
}

// ─── Memory breakdown (the view behind the CodeLens) ────────────────────────────────────────────
export const BREAKDOWN_REQUEST = 'peftLens/breakdown';
export type BreakdownParams = DocumentParams;

export interface BreakdownTerm {
  /** The estimator's term name ("weights", "optimizer states", "activations", ...). */
  term: string;
  bytes: number;
  /** Share of the peak (0..1), for the bar. */
  fraction: number;
  /** A text bar of fixed width made of block characters, ready to show in plain text or markdown. */
  bar: string;
}

export interface BreakdownResponse {
  uri: string;
  format: string | null;
  /** False while no memory estimate is available; `reason` says why; `markdown` still explains what is known. */
  available: boolean;
  reason?: string;
  /** The whole breakdown as markdown (title, parameters, table with a bar per term, assumptions, fit). */
  markdown: string;
  model?: { id: string; source?: string; architecture?: string };
  method?: string;
  params?: { trainable: number; total: number; percent: number };
  memory?: {
    peakAllocatedBytes: number;
    deviceBytes: number;
    perGpuBytes: number;
    terms: BreakdownTerm[];
    assumptions: string[];
  };
  fit?: FitVerdict;
  inputs: EstimateInput[];
  /** Why parts could not be estimated (unknown model, ...), as the estimate reported them. */
  problems: string[];
}

// ─── Rank comparison ────────────────────────────────────────────────────────────────────────────
export const COMPARE_RANKS_REQUEST = 'peftLens/compareRanks';
export interface CompareRanksParams extends DocumentParams {
  /** Ranks to compare; default RANKS_TO_COMPARE. */
  ranks?: number[];
}
export const RANKS_TO_COMPARE: readonly number[] = [4, 8, 16, 32, 64, 128, 256];

export interface RankRow {
  r: number;
  trainable?: number;
  /** Trainable share of all parameters, in percent. */
  percent?: number;
  peakAllocatedBytes?: number;
  deviceBytes?: number;
  verdict?: FitVerdictKind;
  /** The rank the file sets now. */
  current: boolean;
}

export interface CompareRanksResponse {
  uri: string;
  /** False when the method has no rank (full fine-tuning, prompt tuning, IA3) or nothing was estimated. */
  available: boolean;
  reason?: string;
  /** The rank the file sets (or the default assumed). */
  currentRank?: number;
  rows: RankRow[];
  /** The table as markdown. */
  markdown: string;
}

// ─── Largest micro-batch / sequence length that fit ─────────────────────────────────────────────
export const LARGEST_FIT_REQUEST = 'peftLens/largestFit';
export interface LargestFitParams extends DocumentParams {
  /** GPU name from the catalog; default the `peftLens.gpu` setting. */
  gpu?: string;
}

export interface LargestFitResponse {
  uri: string;
  available: boolean;
  reason?: string;
  gpu: string;
  capacityBytes?: number;
  /** Largest micro-batch that fits at the file's sequence length (0: not even 1 fits). */
  microBatchSize?: { value: number; atSequenceLength: number; deviceBytes?: number };
  /** Largest sequence length that fits at the file's micro-batch size (0: not even the smallest step fits). */
  sequenceLength?: { value: number; atMicroBatchSize: number; deviceBytes?: number };
  markdown: string;
}

// ─── Method picker ──────────────────────────────────────────────────────────────────────────────
export const METHODS_REQUEST = 'peftLens/methods';
/** Either an open document (its format is used) or a format id. */
export interface MethodsParams {
  uri?: string;
  format?: string;
}

export interface MethodSnippet {
  /** The snippet's name in the snippet file and completion list ("peft-lora"). */
  prefix: string;
  /** VS Code snippet syntax (`${1:8}` placeholders), lines joined with "\n". */
  body: string;
  /**
   * How it goes into the file: `document` replaces or starts a whole file (adapter_config.json),
   * `block` is a set of top-level keys to insert at the cursor (YAML formats).
   */
  insert: 'document' | 'block';
}

export interface MethodItem {
  /** Stable id: lora, qlora, dora, rslora, pissa, adalora, ia3, loha, lokr, vera, oft, prompt_tuning, prefix_tuning, p_tuning, full. */
  id: string;
  label: string;
  /** One line on what the method does. */
  description: string;
  papers: PaperRef[];
  /** Related research (variants of the method from the literature). */
  related: PaperRef[];
  /** False when this format cannot express the method; `reason` says why and what to use instead. */
  supported: boolean;
  reason?: string;
  snippet?: MethodSnippet;
  /** The method the open document uses now. */
  current?: boolean;
}

export interface MethodsResponse {
  format: string | null;
  items: MethodItem[];
}

// ─── GPU picker ─────────────────────────────────────────────────────────────────────────────────
export const GPUS_REQUEST = 'peftLens/gpus';
export interface GpuInfo {
  /** The name `peftLens.gpu` takes ("H100-80GB"). */
  name: string;
  /** Memory the driver reports as the device total (nvidia-smi "Total"), in bytes. */
  memoryBytes: number;
  /** One line for the picker ("NVIDIA H100 SXM/PCIe, 80 GB HBM3, bf16"). */
  description: string;
  /** False for GPUs without bf16 (V100, T4): bf16 training falls back or fails there. */
  bf16: boolean;
}
export interface GpusResponse {
  /** The GPU the settings select now. */
  selected: string;
  gpuCount: number;
  gpus: GpuInfo[];
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
