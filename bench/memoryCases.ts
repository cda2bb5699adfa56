/**
 * The H200 calibration runs (../shared/calibration/h200-training-memory.json) as estimator inputs:
 * a TrainingPlan for what the harness did, the Architecture of each model_config (a decoder inventory
 * built here, on the test side, until the project's model resolver provides it) and the measured
 * parameter counts. Shared by `npm run bench:memory` and the calibration test.
 */
import { readFileSync } from 'node:fs';
import { estimateMemory } from '../core/src/estimate/memory/index';
import type { Architecture, ModuleInfo } from '../core/src/models/types';
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
  peak_allocated_bytes: number;
  peak_reserved_bytes: number;
  per_step: CalibrationStep[];
}

export function loadCalibration(path: string): { about: string; cases: CalibrationCase[] } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const num = (c: Record<string, unknown>, key: string): number | undefined => (typeof c[key] === 'number' ? (c[key] as number) : undefined);

/** A Llama-style decoder (Llama, Mistral, Qwen2, Gemma): the modules `named_modules()` lists, with shapes. */
export function decoderArchitecture(id: string, config: Record<string, unknown>): Architecture {
  const h = num(config, 'hidden_size') ?? 0;
  const nq = num(config, 'num_attention_heads') ?? 1;
  const nkv = num(config, 'num_key_value_heads') ?? nq;
  const d = num(config, 'head_dim') ?? h / nq;
  const inter = num(config, 'intermediate_size') ?? 4 * h;
  const vocab = num(config, 'vocab_size') ?? 0;
  const layers = num(config, 'num_hidden_layers') ?? 0;
  const tied = config.tie_word_embeddings === true;
  const modelType = String(config.model_type ?? 'llama');
  const qkvBias = modelType === 'qwen2';
  const linear = (name: string, inF: number, outF: number, bias: boolean, layer?: number): ModuleInfo => ({ name, type: 'Linear', inFeatures: inF, outFeatures: outF, bias, params: inF * outF + (bias ? outF : 0), layer });
  const norm = (name: string, layer?: number): ModuleInfo => ({ name, type: 'RMSNorm', outFeatures: h, bias: false, params: h, layer });
  const modules: ModuleInfo[] = [{ name: 'model.embed_tokens', type: 'Embedding', inFeatures: vocab, outFeatures: h, bias: false, params: vocab * h }];
  for (let i = 0; i < layers; i++) {
    const p = `model.layers.${i}`;
    modules.push(
      linear(`${p}.self_attn.q_proj`, h, nq * d, qkvBias, i),
      linear(`${p}.self_attn.k_proj`, h, nkv * d, qkvBias, i),
      linear(`${p}.self_attn.v_proj`, h, nkv * d, qkvBias, i),
      linear(`${p}.self_attn.o_proj`, nq * d, h, false, i),
      linear(`${p}.mlp.gate_proj`, h, inter, false, i),
      linear(`${p}.mlp.up_proj`, h, inter, false, i),
      linear(`${p}.mlp.down_proj`, inter, h, false, i),
      norm(`${p}.input_layernorm`, i),
      norm(`${p}.post_attention_layernorm`, i),
    );
  }
  modules.push(norm('model.norm'));
  modules.push(tied ? { ...linear('lm_head', h, vocab, false), params: 0, tiedTo: 'model.embed_tokens' } : linear('lm_head', h, vocab, false));
  const classes = config.architectures;
  return {
    id,
    source: 'catalog',
    modelType,
    className: Array.isArray(classes) ? String(classes[0]) : 'LlamaForCausalLM',
    config,
    hiddenSize: h,
    numLayers: layers,
    numHeads: nq,
    numKvHeads: nkv,
    headDim: d,
    intermediateSize: inter,
    vocabSize: vocab,
    tieWordEmbeddings: tied,
    maxPositions: num(config, 'max_position_embeddings'),
    modules,
    totalParams: modules.reduce((s, m) => s + m.params, 0),
  };
}

/** What the harness did, as a plan: every setting stated by the harness, nothing assumed. */
export function calibrationPlan(c: CalibrationCase): TrainingPlan {
  const set = <T>(value: T, key: string): Sourced<T> => ({ value, key });
  const peft = c.adapter_config ?? undefined;
  return {
    format: 'peft-adapter',
    model: set(c.hf_id, 'base_model_name_or_path'),
    method: set(peft ? String(peft.peft_type).toLowerCase() : 'full', 'peft_type'),
    peft,
    training: {
      microBatchSize: set(c.micro_batch_size, 'micro_batch_size'),
      sequenceLength: set(c.sequence_len, 'sequence_len'),
      gradientCheckpointing: set(c.gradient_checkpointing, 'gradient_checkpointing'),
      precision: set('bf16', 'autocast'),
      weightDtype: set('bf16', 'torch_dtype'),
      optimizer: set('adamw_torch', 'optimizer'),
      attention: set('sdpa', 'attn_implementation'),
      gpus: set(1, 'gpus'),
    },
  };
}

/**
 * The harness ran every case in one process, and each case's baseline ("allocation before the model
 * was built") still included the previous case's gradients (its trainable bytes), freed by garbage
 * collection early in the next case's first step: every later reading is low by exactly that much.
 * The per-step data prove it: after_step of step 1 equals after_load + AdamW states (2 × trainable
 * bytes) − the previous case's trainable bytes, to within a few MB, in every case. The corrected peak
 * adds it back, giving what a fresh process would report; the correction is applied only where the
 * case's own numbers confirm it.
 */
export function leftoverBytes(cases: CalibrationCase[], index: number): number {
  if (index === 0) return 0;
  const prev = cases[index - 1];
  const c = cases[index];
  const leftover = prev.trainable_params * dtypeBytes(prev.trainable_dtype);
  const states = 2 * c.trainable_params * dtypeBytes(c.trainable_dtype);
  const deficit = c.bytes_after_load + states - c.per_step[0].after_step;
  return Math.abs(deficit - leftover) <= 8 * 2 ** 20 ? leftover : 0;
}

function dtypeBytes(dtype: string): number {
  return dtype === 'float32' ? 4 : 2;
}

export interface BenchRow {
  case: string;
  measured: number;
  leftover: number;
  corrected: number;
  estimated: number;
  error_pct: number;
  raw_error_pct: number;
  phase: string;
}

export function benchRows(cases: CalibrationCase[]): BenchRow[] {
  return cases.map((c, i) => {
    const arch = decoderArchitecture(c.hf_id, c.model_config);
    const est = estimateMemory(calibrationPlan(c), arch, { trainable: c.trainable_params, total: c.total_params }, { ...DEFAULT_SETTINGS, gpu: 'H200' });
    const leftover = leftoverBytes(cases, i);
    const corrected = c.peak_allocated_bytes + leftover;
    return {
      case: `${c.arch} ${c.method} b${c.micro_batch_size} s${c.sequence_len}${c.gradient_checkpointing ? ' gc' : ''}`,
      measured: c.peak_allocated_bytes,
      leftover,
      corrected,
      estimated: est.peak_allocated_bytes,
      error_pct: (100 * (est.peak_allocated_bytes - corrected)) / corrected,
      raw_error_pct: (100 * (est.peak_allocated_bytes - c.peak_allocated_bytes)) / c.peak_allocated_bytes,
      phase: est.peak_phase ?? '',
    };
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
