/**
 * A TrainingPlan is what a config asks for, in one vocabulary for all formats: the model, the PEFT
 * method (as the PEFT adapter config it amounts to) and the training settings that drive memory.
 * Every value records where it came from (a span in the file) or why it was assumed, so hover and
 * the estimate can say "computed from lora_r, lora_target_modules, base_model".
 */
import type { FormatId, Span } from './types';

export interface Sourced<T> {
  value: T;
  /** The key (as written in the file) and the span of its value. */
  key?: string;
  span?: Span;
  /** Set when no key gave the value: a sentence on the default that was assumed. */
  assumed?: string;
}

export type Precision = 'bf16' | 'fp16' | 'fp32';
export type AttentionImpl = 'sdpa' | 'flash_attention_2' | 'flash_attention_3' | 'eager' | 'flex_attention' | 'xformers';

/**
 * What the training loop does with the model output: `plain` is a hand-written loop
 * (`loss = model(**batch).loss; loss.backward()`) that still holds the output, logits included, through
 * backward; `trainer` is transformers' Trainer (and torchtune's recipes, which `del outputs`), which
 * frees it first and feeds batches from a padding collator.
 */
export type TrainingLoop = 'plain' | 'trainer';

/** How a chunked loss meets the logits: torchtune's output chunks or linear chunks, Liger's fused linear cross-entropy, or another fused kernel (CCE, TRL's chunked NLL). */
export type ChunkedLossKind = 'output-chunks' | 'linear-chunks' | 'liger' | 'fused';

/** Liger's kernels that replace a model's modules (beside its fused linear cross-entropy). */
export interface LigerKernels {
  rmsNorm: boolean;
  /** SwiGLU (GeGLU for Gemma) MLP. */
  glu: boolean;
}

export interface Quantization {
  bits: 4 | 8;
  /** 4-bit storage type (bitsandbytes `bnb_4bit_quant_type`). */
  type?: 'nf4' | 'fp4';
  doubleQuant?: boolean;
  /** Compute dtype of the dequantized matmuls. */
  computeDtype?: Precision;
  /** Who quantizes: bitsandbytes (HF tools) or torchao's NF4Tensor (torchtune QLoRA). */
  library?: 'bitsandbytes' | 'torchao';
  /** bitsandbytes `bnb_4bit_quant_storage`: the dtype the packed 4-bit codes are stored in. */
  storage?: string;
}

export interface Sharding {
  kind: 'ddp' | 'fsdp' | 'deepspeed';
  /** DeepSpeed ZeRO stage (0-3); FSDP maps FULL_SHARD→3, SHARD_GRAD_OP→2, NO_SHARD→0, HYBRID_SHARD→3 within a node. */
  stage?: 0 | 1 | 2 | 3;
  offloadParams?: boolean;
  offloadOptimizer?: boolean;
  /** GPUs a hybrid-shard group spans (FSDP HYBRID_SHARD); defaults to all GPUs. */
  shardGroupSize?: number;
  /** DeepSpeed `reduce_bucket_size` and `stage3_prefetch_bucket_size` in elements, where the config gives numbers (not "auto"). */
  reduceBucketElements?: number;
  prefetchBucketElements?: number;
  /** DeepSpeed `stage3_max_live_parameters`, `stage3_max_reuse_distance` and `stage3_param_persistence_threshold`, in elements, where the config gives numbers. */
  maxLiveElements?: number;
  maxReuseElements?: number;
  persistenceElements?: number;
}

export interface TrainingSettings {
  microBatchSize?: Sourced<number>;
  sequenceLength?: Sourced<number>;
  gradientAccumulationSteps?: Sourced<number>;
  gradientCheckpointing?: Sourced<boolean>;
  /** Offloading activations to CPU (axolotl `activation_offloading`, torchtune `enable_activation_offloading`). */
  activationOffloading?: Sourced<boolean>;
  precision?: Sourced<Precision>;
  /** The dtype the base weights are loaded in (bf16 by default in every format we model). */
  weightDtype?: Sourced<Precision>;
  optimizer?: Sourced<string>;
  quantization?: Sourced<Quantization>;
  packing?: Sourced<boolean>;
  attention?: Sourced<AttentionImpl>;
  gpus?: Sourced<number>;
  sharding?: Sourced<Sharding>;
  /** Chunked / fused cross-entropy that never materialises the full logits (liger, torchtune chunked loss, cut_cross_entropy). */
  chunkedLoss?: Sourced<boolean>;
  /** Which chunking a chunked loss does (torchtune names its loss class); absent: the format's default. */
  chunkedLossKind?: Sourced<ChunkedLossKind>;
  /** Liger kernels the tool applies (LLaMA-Factory `enable_liger_kernel`, TRL `use_liger_kernel`, axolotl's Liger plugin options). */
  ligerKernels?: Sourced<LigerKernels>;
  /** The training loop: every format states its tool's (an adapter_config.json assumes `plain`). */
  loop?: Sourced<TrainingLoop>;
  /** Per-parameter optimizer steps inside backward hooks (torchtune `optimizer_in_bwd`). */
  optimizerInBackward?: Sourced<boolean>;
  /** torch.compile of the decoder layers and the loss (torchtune `compile`), or of the whole model (TrainingArguments' `torch_compile`). */
  compile?: Sourced<boolean>;
}

export interface TrainingPlan {
  format: FormatId;
  /** Hub id or local path of the base model, as written. */
  model?: Sourced<string>;
  /**
   * The method in words users know: `full`, `freeze`, or a PEFT type in lower case (`lora`, `ia3`, ...);
   * `qlora` when a LoRA sits on a 4-bit quantized base.
   */
  method: Sourced<string>;
  /**
   * The PEFT adapter config the file amounts to (PEFT key names and values: `peft_type`, `r`,
   * `lora_alpha`, `target_modules`, ...), absent for full fine-tuning; `peftSources` maps each key to
   * where it came from.
   */
  peft?: Record<string, unknown>;
  peftSources?: Record<string, Sourced<unknown>>;
  /** axolotl's `llama4_linearized_experts`: the model loads with one nn.Linear per Llama-4 expert (`models/linearizedExperts.ts`). */
  linearizedExperts?: Sourced<boolean>;
  /** Non-PEFT trainable selections (LLaMA-Factory freeze tuning, torchtune LoRA builders). */
  extra?: Record<string, Sourced<unknown>>;
  training: TrainingSettings;
}
