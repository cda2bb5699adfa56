/**
 * The H200 calibration runs (../shared/calibration/h200-training-memory.json) as estimator inputs:
 * a TrainingPlan for what the harness did, the Architecture the project builds from each model_config
 * and the parameters its PEFT counter finds. Shared by `npm run bench:memory` and the calibration test.
 */
import { readFileSync } from 'node:fs';
import { deviceConstants } from '../core/src/estimate/memory/deviceConstants';
import { estimateMemory } from '../core/src/estimate/memory/index';
import { buildArchitecture } from '../core/src/models/architecture';
import { countedModel, countParams } from '../core/src/estimate/params/countParams';
import type { Sourced, TrainingPlan } from '../core/src/plan';
import { DEFAULT_SETTINGS } from '../core/src/settings';

export interface CalibrationStep {
  peak_alloc: number;
  peak_reserved: number;
  after_forward: number;
  after_step: number;
}

export interface CalibrationCase {
  arch: string;
  hf_id: string;
  method: string;
  model_config: Record<string, unknown>;
  adapter_config: Record<string, unknown> | null;
  micro_batch_size: number;
  sequence_len: number;
  gradient_checkpointing: boolean;
  trainable_params: number;
  total_params: number;
  trainable_dtype: string;
  bytes_after_load: number;
  /** As the harness recorded it (its baseline still held the previous case's trainable tensors). */
  peak_allocated_bytes: number;
  /** What the previous case left allocated in this case's baseline (the file's own correction). */
  baseline_held_bytes: number;
  /** What torch.cuda.max_memory_allocated() reports for the step in a fresh process: the figure to match. */
  peak_allocated_bytes_fresh_process: number;
  peak_reserved_bytes: number;
  per_step: CalibrationStep[];
  /** Written by bench/gpu/calibrate.py (absent from the H200 file, whose runs are all plain-loop AdamW with SDPA). */
  loop?: 'plain' | 'trainer';
  optimizer?: string;
  attn_implementation?: 'sdpa' | 'eager';
  gradient_accumulation_steps?: number;
}

/** What the estimator needs of a case: the step as run, not what was measured. */
export type StepCase = Pick<
  CalibrationCase,
  'arch' | 'hf_id' | 'method' | 'model_config' | 'adapter_config' | 'micro_batch_size' | 'sequence_len' | 'gradient_checkpointing' | 'loop' | 'optimizer' | 'attn_implementation' | 'gradient_accumulation_steps'
>;

export function loadCalibration(path: string): { about: string; cases: CalibrationCase[] } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The estimator's inputs for a case, the way `peft-lens estimate` gets them: the model built from the
 * case's config.json by the project's architecture builder, and the parameters and adapted modules
 * its PEFT counter finds (the measured counts are only compared, never used).
 */
export function estimateCase(c: StepCase) {
  const plan = calibrationPlan(c);
  const arch = buildArchitecture(c.model_config, { id: c.hf_id, source: 'local' });
  const result = countParams(plan, arch);
  const counted = countedModel(result);
  if (!counted) throw new Error(`${c.arch} ${c.method}: parameters not counted (${result.findings.map((f) => f.message).join('; ')})`);
  return { counts: counted.counts, architecture: arch, memory: estimateMemory(plan, counted, { ...DEFAULT_SETTINGS, gpu: 'H200' }) };
}

/**
 * What the harness did, as a plan: every setting stated by the harness, nothing assumed. The
 * estimator reads the training loop from the format, so a Trainer-path case is planned as a TRL
 * config (transformers' Trainer underneath).
 */
export function calibrationPlan(c: StepCase): TrainingPlan {
  const set = <T>(value: T, key: string): Sourced<T> => ({ value, key });
  const peft = c.adapter_config ?? undefined;
  const accumulation = c.gradient_accumulation_steps ?? 1;
  return {
    format: c.loop === 'trainer' ? 'trl' : 'peft-adapter',
    model: set(c.hf_id, 'base_model_name_or_path'),
    method: set(peft ? String(peft.peft_type).toLowerCase() : 'full', 'peft_type'),
    peft,
    training: {
      microBatchSize: set(c.micro_batch_size, 'micro_batch_size'),
      sequenceLength: set(c.sequence_len, 'sequence_len'),
      gradientCheckpointing: set(c.gradient_checkpointing, 'gradient_checkpointing'),
      precision: set('bf16', 'autocast'),
      weightDtype: set('bf16', 'torch_dtype'),
      optimizer: set(c.optimizer ?? 'adamw_torch', 'optimizer'),
      attention: set(c.attn_implementation ?? 'sdpa', 'attn_implementation'),
      gpus: set(1, 'gpus'),
      ...(accumulation > 1 ? { gradientAccumulationSteps: set(accumulation, 'gradient_accumulation_steps') } : {}),
    },
  };
}

export interface BenchRow {
  case: string;
  /** peak_allocated_bytes_fresh_process, with the cuBLAS workspaces for every case after the first (see workspacesHeld). */
  measured: number;
  /** The harness's raw reading, for comparison. */
  recorded: number;
  estimated: number;
  error_pct: number;
  raw_error_pct: number;
  phase: string;
}

export function benchRows(cases: CalibrationCase[]): BenchRow[] {
  return cases.map((c, index) => {
    const { counts, memory: est } = estimateCase(c);
    if (counts.trainable !== c.trainable_params || counts.total !== c.total_params) {
      throw new Error(`${c.arch} ${c.method}: counted ${counts.trainable}/${counts.total}, measured ${c.trainable_params}/${c.total_params}`);
    }
    const measured = c.peak_allocated_bytes_fresh_process + workspacesHeld(index);
    return {
      case: caseName(c),
      measured,
      recorded: c.peak_allocated_bytes,
      estimated: est.peak_allocated_bytes,
      error_pct: (100 * (est.peak_allocated_bytes - measured)) / measured,
      raw_error_pct: (100 * (est.peak_allocated_bytes - c.peak_allocated_bytes)) / c.peak_allocated_bytes,
      phase: est.peak_phase ?? '',
    };
  });
}

/**
 * The harness ran every case in one process: the cuBLAS workspaces the first case's first matmuls
 * allocated stayed allocated, inside every later case's baseline, so the file's fresh-process figure
 * (which adds back only the previous case's tensors) still lacks them after the first case. A fresh
 * process allocates them again; the estimate counts them in the peak.
 */
export function workspacesHeld(index: number): number {
  return index === 0 ? 0 : deviceConstants('hopper').workspaces.bytes;
}

export function caseName(c: CalibrationCase): string {
  return `${c.arch} ${c.method} b${c.micro_batch_size} s${c.sequence_len}${c.gradient_checkpointing ? ' gc' : ''}`;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
