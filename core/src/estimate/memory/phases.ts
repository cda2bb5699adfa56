/**
 * One training step passes through moments where different tensors are alive together; the peak is
 * the largest of them (steady state: optimizer states exist from the first step on):
 *   loss           end of forward / start of backward: saved activations + the loss's fp32 tensors;
 *   backward top   backward entering the last layer (recomputed under checkpointing);
 *   backward end   backward finishing the first layer, with all gradients in place;
 *   optimizer step gradients + states + the step's temporaries.
 */
import type { MemoryTerm } from '../types';
import type { ActivationBytes } from './activations';
import type { LossBytes } from './logits';
import type { ModelStates } from './modelStates';

export type PhaseName = 'loss' | 'backward top' | 'backward end' | 'optimizer step';

export interface Phase {
  name: PhaseName;
  terms: MemoryTerm[];
  bytes: number;
}

export interface PhaseInput {
  states: ModelStates;
  act: ActivationBytes;
  loss: LossBytes;
  gc: boolean;
  /** Gradients of earlier micro-batches are alive during forward and backward. */
  accumulating: boolean;
  fusedBackward: boolean;
  /** The optimizer steps each parameter inside backward (optimizer_in_bwd): no separate step phase. */
  stepInBackward: boolean;
  /** The BLAS workspaces the process holds from its first matmuls on (the GPU family's label and bytes). */
  workspaces: { label: string; bytes: number };
}

function phase(name: PhaseName, terms: [string, number][]): Phase {
  const kept = terms.filter(([, b]) => b > 0).map(([term, bytes]) => ({ term, bytes: Math.round(bytes) }));
  return { name, terms: kept, bytes: kept.reduce((s, t) => s + t.bytes, 0) };
}

export function phases(i: PhaseInput): Phase[] {
  const s = i.states;
  const resident: [string, number][] = [
    [i.workspaces.label, i.workspaces.bytes],
    ['weights', s.weights],
    ['adapter weights', s.adapterWeights],
    ['optimizer states', s.states],
    ['fp32 master weights', s.master],
    ['gathered parameter shards', s.gathered],
    ['ZeRO-3 persistent parameters', s.zero3.persistent],
    ['ZeRO-3 live parameters', s.zero3.live],
    ['ZeRO-3 prefetched parameters', s.zero3.prefetched],
    ['gradient buckets', s.buckets],
  ];
  const savedLabel = i.gc ? 'checkpointed layer inputs' : 'activations';
  // FSDP without resharding after forward holds every unit unsharded until backward reshards it: through the loss and into backward.
  const unsharded: [string, number] = ['unsharded parameters (no reshard after forward)', s.unsharded];
  const earlierGrads = i.accumulating ? s.grads : 0;
  const layerLabel = i.gc ? 'recomputed layer + its gradients' : 'layer gradients in backward';
  const stepInBackward: [string, number] = ['optimizer step in backward (one parameter)', i.stepInBackward ? s.stepTemp : 0];
  const all = [
    phase('loss', [
      ...resident,
      ['gradients (accumulated)', earlierGrads],
      ['autocast weight copies', s.castCopies],
      unsharded,
      [savedLabel, i.act.saved + i.act.head],
      ['logits and loss', i.loss.peak],
    ]),
    phase('backward top', [
      ...resident,
      ['gradients', Math.max(earlierGrads, i.fusedBackward ? s.largestGrad : s.headGrads)],
      ['autocast weight copies', s.castCopies],
      unsharded,
      [savedLabel, i.act.saved],
      ['logits (held by the loop)', i.loss.held],
      [layerLabel, i.act.topLayer],
      stepInBackward,
    ]),
    phase('backward end', [
      ...resident,
      ['gradients', s.grads],
      ['logits (held by the loop)', i.loss.held],
      [layerLabel, i.act.bottomLayer],
      stepInBackward,
    ]),
  ];
  if (!i.stepInBackward) all.push(phase('optimizer step', [...resident, ['gradients', s.grads], ['optimizer step temporaries', s.stepTemp]]));
  return all;
}

export function peakPhase(all: Phase[]): Phase {
  return all.reduce((best, p) => (p.bytes > best.bytes ? p : best));
}
