/**
 * The training settings memory depends on, resolved from the plan, the user's settings and the
 * defaults of the tool that runs the config. Every value the file did not set is listed in
 * `assumptions`, in words.
 */
import type { AttentionImpl, ChunkedLossKind, Precision, Quantization, Sharding, Sourced, TrainingLoop, TrainingPlan } from '../../plan';
import type { Architecture } from '../../models/types';
import type { Settings } from '../../settings';
import { effectiveAttention } from './attentionImpl';
import { ligerUnpatched } from './liger';
import type { OptimizerSpec } from './optimizers';
import { isKnownOptimizer, optimizerSpec } from './optimizers';

export interface MemorySetup {
  batch: number;
  seq: number;
  gc: boolean;
  offloadActivations: boolean;
  precision: Precision;
  /** Forward runs under torch.autocast (HF tools with bf16/fp16); torchtune trains in the weights' dtype. */
  autocast: boolean;
  weightDtype: Precision;
  quantization?: Quantization;
  /** PEFT's prepare_model_for_kbit_training upcasts the unquantized weights (norms too) to fp32. */
  upcastUnquantized: boolean;
  optimizer: OptimizerSpec;
  attention: AttentionImpl;
  /** Why the model runs eager attention where the plan asked for another (absent when it runs what was asked). */
  attentionFallback?: string;
  packing: boolean;
  gpus: number;
  sharding?: Sharding;
  chunkedLoss: boolean;
  /** How a chunked loss meets the logits: torchtune's output or linear chunks, or a fused kernel (Liger, CCE). */
  chunkedLossKind: ChunkedLossKind;
  /** Liger's RMSNorm and SwiGLU/GeGLU kernels replace the model's (liger.ts: where the tool patches the model type). */
  ligerNorm: boolean;
  ligerGlu: boolean;
  loop: TrainingLoop;
  /** Each parameter steps in a backward hook as soon as its gradient is complete (torchtune `optimizer_in_bwd`). */
  optimizerInBackward: boolean;
  /** The decoder layers and the loss run under torch.compile (inductor). */
  compiled: boolean;
  /** The whole model is compiled (the Trainer through accelerate), the final norm with it; torchtune compiles each layer and the loss. */
  compiledModel: boolean;
  gradAccumulation: number;
  /** The training loop keeps the model output (logits) alive through backward. */
  outputsHeld: boolean;
  /** Batches carry a padding mask that transformers materialises for SDPA/eager. */
  paddingMask: boolean;
  /** Packed batches: transformers materialises a block-diagonal mask for SDPA/eager (flash's varlen kernels need none). */
  packedMask: boolean;
  /** PEFT adapters are kept in fp32 (autocast_adapter_dtype), torchtune's in the model dtype. */
  adapterBytes: number;
}

export const BYTES: Record<Precision, number> = { fp32: 4, bf16: 2, fp16: 2 };

const CHUNKED_LOSS_NOTES: Record<ChunkedLossKind, string> = {
  'output-chunks': 'chunked loss read as CEWithChunkedOutputLoss: logits in 8 output chunks, upcast one chunk at a time',
  'linear-chunks': 'LinearCrossEntropyLoss: the output layer runs inside the loss, 8 chunks of positions at a time; the model returns hidden states',
  liger: "Liger's fused linear cross-entropy: the output layer runs inside the loss, a chunk of positions at a time, and the gradients are computed in forward",
  fused: 'chunked loss read as a fused linear cross-entropy: the full logits never exist',
};

/**
 * A plan value, or the fallback; records an assumption whenever the file did not give the value,
 * saying where it came from (the extractor's default, a flag, a setting, or `why`).
 */
function pick<T>(notes: string[], value: Sourced<T> | undefined, fallback: T, describe: (v: T) => string, why: string): T {
  if (value && !value.assumed) return value.value;
  const v = value ? value.value : fallback;
  notes.push(`${describe(v)} (${value?.assumed ?? why})`);
  return v;
}

/** `requestedAttention`: size the attention the plan asks for even where the model falls back to eager (the switch comparison). */
export function resolveSetup(plan: TrainingPlan, settings: Settings, notes: string[], arch: Architecture, options: { requestedAttention?: boolean } = {}): MemorySetup {
  const t = plan.training;
  const stored = arch.prequantized;
  const unset = 'the file sets none';
  // Every format's extract states its tool's loop; a plan without one gets the same default.
  const toolLoop: TrainingLoop = plan.format === 'peft-adapter' ? 'plain' : 'trainer';
  const loop = pick(notes, t.loop, toolLoop, (v) => (v === 'plain' ? 'a plain training loop that holds the model output (its logits) until backward ends' : 'the loop frees the model output (its logits) before backward, as the Trainer does'), `${unset}: what ${plan.format}'s tool runs`);
  // transformers' Trainer pads batches with its collator; torchtune's collator pads too but passes no mask (causal SDPA).
  const trainer = loop === 'trainer' && plan.format !== 'torchtune';
  const batch = pick(notes, t.microBatchSize, settings.defaultMicroBatchSize, (v) => `micro-batch size ${v}`, `setting defaultMicroBatchSize; ${unset}`);
  const seq = pick(notes, t.sequenceLength, settings.defaultSequenceLength, (v) => `sequence length ${v}, every sequence full`, `setting defaultSequenceLength; ${unset}`);
  const gc = pick(notes, t.gradientCheckpointing, false, (v) => `gradient checkpointing ${v ? 'on (non-reentrant)' : 'off'}`, unset);
  const precision = pick(notes, t.precision, 'bf16' as Precision, (v) => (v === 'fp32' ? 'fp32 training' : `${v} mixed precision`), unset);
  const weightDtype = pick(notes, t.weightDtype, 'bf16' as Precision, (v) => `base weights loaded in ${v}`, unset);
  const optimizerName = pick(notes, t.optimizer, 'adamw_torch', (v) => `optimizer ${v}`, `${unset}: torch.optim.AdamW`);
  const optimizer = optimizerSpec(optimizerName);
  if (!isKnownOptimizer(optimizerName)) notes.push(`optimizer "${optimizerName}" is not one peft-lens knows: sized as AdamW`);
  const requested = pick(notes, t.attention, 'sdpa' as AttentionImpl, (v) => `attention implementation ${v}`, `${unset}: transformers' default`);
  const fallback = options.requestedAttention ? { impl: requested } : effectiveAttention(plan, arch, requested);
  if (fallback.why) notes.push(fallback.why);
  const attention = fallback.impl;
  const packing = t.packing?.value ?? false;
  const gpus = pick(notes, t.gpus, settings.gpuCount, (v) => `${v} GPU${v === 1 ? '' : 's'}`, `setting gpuCount; ${unset}`);
  const quantization = t.quantization?.value;
  // A prequantized checkpoint keeps its own format (prequantizedWeights.ts); PEFT 0.21's
  // prepare_model_for_kbit_training leaves GPTQ and AQLM models in their dtype.
  if (stored && quantization) notes.push(`the checkpoint is already quantized (${stored.method}): the config's ${quantization.bits}-bit setting quantizes nothing a second time`);
  if (quantization?.storage) notes.push(`bnb_4bit_quant_storage ${quantization.storage}: the packed 4-bit codes take the same bytes in any storage dtype`);
  const keepsDtype = stored?.method === 'gptq' || stored?.method === 'aqlm';
  const upcastUnquantized = quantization !== undefined && !keepsDtype && plan.format !== 'llamafactory' && plan.format !== 'torchtune';
  if (upcastUnquantized) notes.push('k-bit training: prepare_model_for_kbit_training upcasts the unquantized weights (embeddings, norms, output layer) to fp32, so activations after each norm are fp32');
  const outputsHeld = loop === 'plain';
  const chunkedLossKind: ChunkedLossKind = t.chunkedLossKind?.value ?? (plan.format === 'torchtune' ? 'output-chunks' : 'fused');
  const unpatched = ligerUnpatched(plan, arch);
  if (unpatched) notes.push(unpatched);
  const chunkedLoss = (t.chunkedLoss?.value ?? false) && !(unpatched && chunkedLossKind === 'liger');
  if (chunkedLoss) notes.push(CHUNKED_LOSS_NOTES[chunkedLossKind]);
  const liger = unpatched ? undefined : t.ligerKernels?.value;
  if (liger?.rmsNorm || liger?.glu) notes.push(`Liger kernels: ${[liger.rmsNorm ? 'RMSNorm (keeps its input and an fp32 rstd per token)' : '', liger.glu ? 'SwiGLU/GeGLU (keeps gate and up, recomputes the activation)' : ''].filter(Boolean).join(', ')}`);
  const optimizerInBackward = t.optimizerInBackward?.value === true;
  if (optimizerInBackward) notes.push('optimizer_in_bwd: each parameter steps in its own backward hook and its gradient is freed at once');
  const compiled = t.compile?.value === true;
  if (compiled) notes.push("torch.compile: inductor's partitioner keeps the bf16 inputs of fused pointwise ops (norms, activations, the loss's upcast) and recomputes the rest in backward");
  // transformers 5.17's TrainingArguments hands `torch_compile` to accelerate, whose prepare_model compiles the whole model (the loss runs in its forward).
  const compiledModel = compiled && plan.format !== 'torchtune';
  if (compiledModel) notes.push('torch_compile: accelerate compiles the whole model, so the final norm and the loss fuse like the layers');
  const paddingMask = trainer && batch > 1 && !packing && (attention === 'sdpa' || attention === 'eager');
  if (paddingMask) {
    notes.push(
      attention === 'sdpa'
        ? 'padded batches carry an attention mask: SDPA then runs its memory-efficient kernel, which keeps the mask as a bias per layer, and K/V are expanded to every head'
        : 'padded batches carry an attention mask, added to the scores',
    );
  }
  // transformers 5.17 finds packed sequences from the restarting position_ids and masks each to itself.
  const packedMask = packing && plan.format !== 'torchtune' && (attention === 'sdpa' || attention === 'eager');
  if (packedMask) notes.push(`packed sequences under ${attention}: transformers builds a block-diagonal mask from the position ids, kept per layer as with padding (flash attention's variable-length kernels need none)`);
  return {
    batch, seq, gc, precision, weightDtype, optimizer, attention, ...(fallback.why ? { attentionFallback: fallback.why } : {}), packing, gpus, quantization, upcastUnquantized, outputsHeld, paddingMask, packedMask,
    offloadActivations: t.activationOffloading?.value ?? false,
    autocast: plan.format !== 'torchtune' && precision !== 'fp32',
    sharding: t.sharding?.value,
    chunkedLoss,
    chunkedLossKind,
    ligerNorm: liger?.rmsNorm ?? false,
    ligerGlu: liger?.glu ?? false,
    loop,
    optimizerInBackward,
    compiled,
    compiledModel,
    gradAccumulation: t.gradientAccumulationSteps?.value ?? 1,
    adapterBytes: plan.format === 'torchtune' ? BYTES[weightDtype] : 4,
  };
}
