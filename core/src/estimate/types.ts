/** What `estimate` returns: the CLI's `--json` output and the editor's CodeLens/hover read this. */
import type { ModelSource } from '../models/types';
import type { TrainingPlan } from '../plan';
import type { FormatId, Issue } from '../types';

export interface ParamCounts {
  trainable: number;
  /** All parameters, trainable or not, as PEFT's get_nb_trainable_parameters counts them. */
  total: number;
  /** What the counts were computed from: the model, the config.json keys and the PEFT keys or defaults used. */
  computedFrom?: string[];
  /** Short names of the adapted modules, as PEFT resolves target_modules (`q_proj`, `v_proj`). */
  targets?: string[];
  /** How many modules (and parameters, for target_parameters) carry an adapter. */
  adapterModules?: number;
  /** Parameters adapted directly (MoE experts reached through target_parameters), short names. */
  targetParameters?: string[];
  /** Where the trainable parameters sit: adapter weights, modules_to_save copies, trainable tokens, biases. */
  breakdown?: { term: string; trainable: number; added: number }[];
}

export interface MemoryTerm {
  term: string;
  bytes: number;
}

/** What a memory switch the config turns on takes off the peak (the peak with it off, minus the peak). */
export interface SwitchEffect {
  /** `optimizer step in backward`, `activation offloading`, `torch.compile`, `chunked loss`, `gradient checkpointing`, `quantized base`, `eager attention fallback`. */
  switch: string;
  /** The key that turned it on, where the file has one. */
  key?: string;
  /** What it took off the peak; 0 when it costs memory at this shape instead. */
  removed_bytes: number;
  /** What it added to the peak (its own buffers outweigh what it saves at this shape); 0 otherwise. */
  added_bytes: number;
}

/**
 * How well a term is known: calibrated when it was held to measured runs (which ones, and how close),
 * modelled when it was derived from source and never measured. `error` is the relative error the
 * band allows the term.
 */
export interface TermProvenance {
  status: 'calibrated' | 'modelled';
  evidence: string;
  error: number;
}

export interface SourcedTerm extends MemoryTerm {
  provenance: TermProvenance;
}

/** The range the per-GPU device bytes may fall in, and why it is that wide. */
export interface MemoryBand {
  low: number;
  high: number;
  why: string;
}

export type FitVerdictState = 'fits' | 'too-close-to-call' | 'does-not-fit';

export interface MemoryEstimate {
  /**
   * What torch.cuda.max_memory_allocated() reports over a steady-state training step in a fresh
   * process, per GPU: every caching-allocator block (the step's tensors and the cuBLAS workspaces),
   * not the CUDA context nor memory reserved but unused.
   */
  peak_allocated_bytes: number;
  /** Adds the CUDA context, the caching allocator's reserve and paged optimizer states: what nvidia-smi shows, per GPU. */
  device_bytes: number;
  /** What each GPU must hold (device_bytes of one rank): the number to compare with a GPU's memory. */
  per_gpu_bytes: number;
  /** The tensors alive at the peak, each with its provenance; they sum to peak_allocated_bytes. */
  breakdown: SourcedTerm[];
  assumptions: string[];
  /** The moment of the step the peak falls in: loss, backward top, backward end, optimizer step. */
  peak_phase?: string;
  /** What device_bytes adds to the peak: CUDA context, allocator reserve, paged states. */
  device_breakdown?: SourcedTerm[];
  /** Where per_gpu_bytes may fall: from the terms' provenance, the allocator's spread and the GPU's device constants. */
  band: MemoryBand;
  /** Each memory switch the config turns on and what it removed from the peak. */
  switches?: SwitchEffect[];
  /** Bytes activation offloading keeps in pinned host memory instead (0 or absent without it). */
  host_offloaded_bytes?: number;
  /** The GPU checked against (settings.gpu / --gpu) and how many of them. */
  gpu?: { name: string; bytes: number; count: number };
  /** Fits when the band's upper edge fits the GPU, does not fit when its lower edge does not, else too close to call. */
  fit?: { verdict: FitVerdictState; headroom_bytes: number; message: string };
  /** Largest micro-batch at this sequence length, and largest sequence length at this micro-batch, whose band's upper edge fits (null: none). */
  largest_micro_batch?: number | null;
  largest_sequence_length?: number | null;
  /** What the largest micro-batch and sequence length were solved against, in words. */
  largest_basis?: string;
}

/** Seconds per optimizer step and what follows from it (core/src/estimate/time/), per GPU. */
export interface TimeEstimate {
  /** One optimizer step: every micro-step of gradient accumulation and the optimizer update. */
  seconds_per_step: number;
  tokens_per_second_per_gpu: number;
  /** Model FLOPs utilisation: the step's needed FLOPs (no checkpointing recompute) over the GPU's peak dense rate. */
  mfu: number;
  /** The GPU whose rates were used. */
  gpu: string;
  gradient_accumulation_steps: number;
  tokens_per_step_per_gpu: number;
  /** Seconds per mechanism (matmul, adapter, attention, elementwise, loss, optimizer, dequantize); they sum to seconds_per_step. */
  breakdown: { term: string; seconds: number; what: string }[];
  /** Only when peftLens.gpuHourPrice is set: the price per GPU-hour and what a million trained tokens cost at it. */
  cost?: { gpu_hour_price: number; per_million_tokens: number; per_1000_steps: number };
  assumptions: string[];
}

export interface EstimateResult {
  path: string;
  format: FormatId | null;
  /** The model reference as written, and how it resolved. */
  /** `file`: the config.json or user catalog file the numbers came from, when not the bundled catalog or the Hub. */
  model?: { id: string; source?: ModelSource; file?: string; architecture?: string };
  method?: string;
  params?: ParamCounts;
  memory?: MemoryEstimate;
  /** Seconds per step, throughput and MFU, for every plan that gets a memory estimate. */
  time?: TimeEstimate;
  plan?: TrainingPlan;
  /** Why something could not be estimated (unknown model, not a config, ...). */
  issues: Issue[];
}

/** Values given on the command line or by an editor command; they win over what the file says. */
export interface EstimateOverrides {
  microBatchSize?: number;
  sequenceLength?: number;
  gradientCheckpointing?: boolean;
  precision?: 'bf16' | 'fp16' | 'fp32';
  optimizer?: string;
  gpus?: number;
  gpu?: string;
  model?: string;
  /** Adapter rank (`r` of the PEFT config the file amounts to): the editor's rank comparison. */
  rank?: number;
  /** The training loop (`--loop`), over the trainingLoop setting and the format's default. */
  loop?: 'plain' | 'trainer';
  /** The adapter's `target_modules` instead of the file's: the inlay hints' cost of one list entry. */
  targetModules?: string[];
}
