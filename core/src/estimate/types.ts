/** What `estimate` returns: the CLI's `--json` output and the editor's CodeLens/hover read this. */
import type { ModelSource } from '../models/types';
import type { TrainingPlan } from '../plan';
import type { FormatId, Issue } from '../types';

export interface ParamCounts {
  trainable: number;
  /** All parameters, trainable or not, as PEFT's get_nb_trainable_parameters counts them. */
  total: number;
}

export interface MemoryTerm {
  term: string;
  bytes: number;
}

export interface MemoryEstimate {
  /** What torch.cuda.max_memory_allocated() would report for one training step (no CUDA context). */
  peak_allocated_bytes: number;
  /** Adds the CUDA context and the caching allocator's reserve: what nvidia-smi shows. */
  device_bytes: number;
  per_gpu_bytes: number;
  breakdown: MemoryTerm[];
  assumptions: string[];
}

export interface EstimateResult {
  path: string;
  format: FormatId | null;
  /** The model reference as written, and how it resolved. */
  model?: { id: string; source?: ModelSource; architecture?: string };
  method?: string;
  params?: ParamCounts;
  memory?: MemoryEstimate;
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
}
