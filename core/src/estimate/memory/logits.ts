/**
 * The logits and the causal-LM loss. transformers' loss upcasts the logits to fp32 and runs
 * cross-entropy (log_softmax + nll_loss), so per logit element (vocab × positions):
 *   forward:  logits (compute dtype) + the fp32 copy + log_softmax's fp32 output, which autograd keeps;
 *   backward: log_softmax's output + nll's fp32 grad + log_softmax's fp32 grad, plus the logits if the
 *             training loop still holds the model output (a hand-written loop does; the Trainer does not).
 * A fused linear-cross-entropy (Liger, cut-cross-entropy) never materialises the full logits: it works
 * on chunks of about hidden/vocab of the positions at a time. torchtune's CEWithChunkedOutputLoss
 * computes the logits in 8 chunks; each chunk's fp32 log_softmax stays saved, but the fp32 copy and
 * the gradients exist for one chunk at a time (Liger's own kernel: ligerPeak below). Its LinearCrossEntropyLoss (torchtune 0.7's default in
 * the LoRA configs) also runs the output layer per chunk, so the model never returns logits.
 */

import type { ChunkedLossKind } from '../../plan';
import { counted } from './mechanisms';

/** How the loss handles the logits: all at once, in chunks (torchtune), or fused with the output layer. */
export type LossChunking = 'none' | ChunkedLossKind;
const OUTPUT_CHUNKS = 8;

export interface LossInput {
  /** Positions the loss covers per micro-batch (prompt tuning's virtual positions included). */
  positions: number;
  vocab: number;
  hidden: number;
  /** Bytes of a logit as the output layer produces it (2 under bf16/fp16 autocast, 4 in fp32). */
  logitBytes: number;
  /** The loop keeps `outputs` (and so the logits) alive through backward. */
  outputsHeld: boolean;
  chunking: LossChunking;
  /** Soft-capped logits (Gemma-2): tanh's output, in the logits' dtype, stays saved until backward reaches it. */
  softcap: boolean;
  /** The cross-entropy runs under torch.compile (torchtune `compile`). */
  compiled: boolean;
  /** Bytes of a hidden-state element entering the output layer (Liger's input gradient has its dtype). */
  hiddenBytes: number;
  /** Bytes per element of the output layer's weight gradient when it trains (0 when frozen). */
  headGradBytes: number;
}

export interface LossBytes {
  /** At the start of backward (or the end of the loss forward, whichever is larger). */
  peak: number;
  /** Still alive while backward runs through the layers. */
  held: number;
}

export function lossBytes(i: LossInput): LossBytes {
  const n = i.positions * i.vocab;
  if (i.chunking === 'liger') return { peak: counted('Liger fused linear cross-entropy', ligerPeak(i)), held: 0 };
  if (i.chunking === 'fused') {
    // One chunk of logits and its grad in fp32, and the grad of the hidden states being filled in.
    const chunkPositions = Math.min(i.positions, Math.ceil((i.positions * i.hidden) / i.vocab));
    const peak = 2 * 4 * chunkPositions * i.vocab + 4 * i.positions * i.hidden;
    return { peak: counted('chunked loss', peak), held: 0 };
  }
  // The model returns the logits (all of them, or torchtune's list of output chunks) unless the output
  // layer runs inside the loss (LinearCrossEntropyLoss), where only the chunk being computed exists.
  const returned = i.chunking !== 'linear-chunks';
  const heldPerLogit = counted('logits held by the loop', i.outputsHeld && returned ? i.logitBytes : 0);
  if (i.compiled) return compiledLoss(i, n, heldPerLogit);
  if (i.chunking === 'none') return fullLoss(i, n, heldPerLogit);
  // Forward ends with every saved fp32 log_softmax, the last chunk's fp32 copy and the logits the model
  // returned (all chunks) or the last chunk's; backward holds the saved outputs and one chunk's fp32
  // grads and their compute-dtype cast.
  const chunk = 1 / OUTPUT_CHUNKS;
  const forward = (returned ? i.logitBytes : i.logitBytes * chunk) + 4 + 4 * chunk;
  const backward = 4 + (2 * 4 + i.logitBytes) * chunk + heldPerLogit;
  return { peak: counted('chunked loss', n * Math.max(forward, backward)), held: n * heldPerLogit };
}

/**
 * Liger 0.8's fused_linear_cross_entropy_forward computes the loss and the gradients in forward: it
 * allocates the input's gradient (positions × hidden, in the input's dtype), the output layer's weight
 * gradient when it trains, and an fp32 loss per position, then walks chunks of
 * next_power_of_2(⌈positions / ⌈vocab / hidden⌉⌉) positions: each chunk's logits in the compute dtype
 * (autocast stays on inside its custom_fwd), the kernel writing their gradient in place, and that
 * gradient times the weight (chunk × hidden) before it is copied into the input's gradient. Backward
 * only scales what forward kept.
 */
function ligerPeak(i: LossInput): number {
  const perChunk = 2 ** Math.ceil(Math.log2(Math.ceil(i.positions / Math.ceil(i.vocab / i.hidden))));
  const rows = Math.min(i.positions, perChunk);
  return i.hiddenBytes * i.positions * i.hidden + i.headGradBytes * i.vocab * i.hidden + 4 * i.positions + rows * (i.vocab * i.logitBytes + i.hidden * i.hiddenBytes);
}

/**
 * Forward ends with the logits, their fp32 copy and the log_softmax output (at most 2 + 4 + 4 or 4 + 4
 * bytes per element); backward starts with that output and its two fp32 gradients (12 bytes) besides
 * whatever the loop holds. Backward is never the smaller, so it alone sets the loss's peak.
 */
function fullLoss(i: LossInput, n: number, heldPerLogit: number): LossBytes {
  const logSoftmax = counted('log-softmax output', 4);
  const grads = counted('loss gradients', 4 + 4);
  const capped = counted('soft-capped logits', i.softcap ? i.logitBytes : 0);
  return { peak: n * (capped + heldPerLogit + logSoftmax + grads), held: n * heldPerLogit };
}

/**
 * Compiled, the upcast and the cross-entropy are one fused kernel: inductor's partitioner saves the
 * logits in their own dtype and an fp32 log-sum-exp per position instead of the fp32 log_softmax, and
 * backward writes each chunk's gradient straight in the logits' dtype. The logits a loop holds are
 * those same saved tensors.
 */
function compiledLoss(i: LossInput, n: number, heldPerLogit: number): LossBytes {
  const chunk = i.chunking === 'none' ? 1 : 1 / OUTPUT_CHUNKS;
  const saved = counted('compiled cross-entropy', n * i.logitBytes + 4 * i.positions);
  const grad = counted('compiled cross-entropy', n * i.logitBytes * chunk);
  return { peak: saved + grad, held: n * heldPerLogit };
}
