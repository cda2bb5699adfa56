/**
 * Model states per GPU: weights by storage, trainable parameters in their real dtype, gradients,
 * optimizer states and step temporaries, fp32 master weights, autocast's weight copies, and the
 * buffers data parallelism adds. Everything here is independent of batch and sequence length.
 */
import type { Architecture } from '../../models/types';
import type { ParamCounts } from '../types';
import { counted } from './mechanisms';
import type { MethodShape } from './method';
import { firstTrainableLayer } from './method';
import { isLinear, roleOf } from './roles';
import type { MemorySetup } from './setup';
import { BYTES } from './setup';
import { share, shardLayout } from './sharding';
import type { ShardLayout } from './sharding';
import { baseWeightBytes } from './weights';
import { zero3Gathered } from './zero3';

export interface ModelStates {
  layout: ShardLayout;
  weights: number;
  adapterWeights: number;
  grads: number;
  /** Gradient of the output layer (and final norm): the first ones backward produces. */
  headGrads: number;
  /** Largest single gradient (optimizers that update inside backward keep only one at a time). */
  largestGrad: number;
  states: number;
  /** Paged optimizer states: CUDA unified memory, outside PyTorch's allocator. */
  pagedStates: number;
  master: number;
  stepTemp: number;
  /** bf16 copies of fp32 Linear weights that autocast makes and autograd keeps until backward. */
  castCopies: number;
  gathered: number;
  /** FSDP without resharding after forward: every unit's unsharded copy, alive from forward until its backward. */
  unsharded: number;
  /** DeepSpeed ZeRO-3 entering backward (zero3.ts): the persistent small parameters, the modules kept by the reuse distance with the one computing, and the prefetched ones. */
  zero3: { persistent: number; live: number; prefetched: number };
  buckets: number;
  /** Elements of the largest quantized Linear, dequantized for each matmul. */
  largestQuantized: number;
}

interface Group {
  params: number;
  bytes: number;
}

export function modelStates(arch: Architecture, params: ParamCounts, shape: MethodShape, setup: MemorySetup): ModelStates {
  const layout = shardLayout(setup.sharding, setup.gpus, arch.hiddenSize);
  const floatBytes = BYTES[setup.weightDtype];
  const compute = setup.precision === 'fp32' ? 4 : 2;
  const frozen = Math.max(0, params.total - params.trainable);
  const base = baseWeightBytes(arch, frozen, { floatBytes, quantization: setup.quantization, upcastUnquantized: setup.upcastUnquantized });
  const groups: Group[] = [
    { params: shape.baseDtypeTrainable, bytes: floatBytes },
    { params: shape.adapterTrainable, bytes: setup.adapterBytes },
  ].filter((g) => g.params > 0);
  const trainable = groups.reduce((s, g) => s + g.params, 0);
  const ds = layout.fp32Master;
  // DeepSpeed's optimizer steps an fp32 master copy, so its states are fp32 whatever the model dtype.
  const stateGroups = ds ? [{ params: trainable, bytes: 4 }] : groups;
  const opt = setup.optimizer;
  const statesFull = stateGroups.reduce((s, g) => s + g.params * opt.statesPerParam(g.bytes), 0) - stateReduction(arch, shape, setup, stateGroups);
  const grads = groups.reduce((s, g) => s + g.params * g.bytes, 0);
  const largestTensor = largestTrainableTensor(arch, shape);
  const stepTemp = stateGroups.reduce((s, g) => s + g.params * opt.stepTempPerParam(g.bytes), 0) + opt.tensorTempPerElement * largestTensor;
  // torchtune's OptimizerInBackward (0.7) gives every parameter its own optimizer, stepped from a
  // post-accumulate-grad hook that then frees the gradient: one gradient and one parameter's step
  // temporaries at a time, the largest bounding both.
  const inBackward = setup.optimizerInBackward;
  const oneStep = largestTensor * (opt.stepTempPerParam(stateGroups[0]?.bytes ?? 2) + opt.tensorTempPerElement);
  const statesShare = share(statesFull, layout.states);
  const headParams = shape.lmHeadTrains ? arch.vocabSize * arch.hiddenSize : 0;
  const gradBytes = (bytes: number) => counted('gradients', bytes);
  const stateBytes = counted('optimizer states', statesShare);
  return {
    layout,
    weights: counted('base weights', share(base.bytes + shape.baseDtypeTrainable * floatBytes, layout.params)),
    adapterWeights: counted('adapter weights', share(shape.adapterTrainable * setup.adapterBytes, layout.params)),
    grads: gradBytes(opt.fusedBackward || inBackward ? largestTensor * (groups[0]?.bytes ?? 2) : share(grads, layout.grads)),
    headGrads: gradBytes(share(headParams * floatBytes, layout.grads)),
    largestGrad: gradBytes(largestTensor * (groups[0]?.bytes ?? 2)),
    states: opt.paged ? 0 : stateBytes,
    pagedStates: opt.paged ? stateBytes : 0,
    master: counted('fp32 master weights', ds ? share(4 * trainable, layout.states) : 0),
    stepTemp: inBackward ? counted('optimizer step in backward', oneStep) : counted('optimizer step temporaries', share(stepTemp, layout.states)),
    castCopies: counted('autocast weight copies', castCopies(arch, shape, setup, compute)),
    gathered: counted('gathered parameter shards', gatheredParams(arch, layout, compute, floatBytes)),
    unsharded: counted('unsharded parameters through backward', layout.unshardedThroughBackward ? gatheredParams(arch, { ...layout, gatheredLayers: arch.numLayers, rootGathered: true }, compute, floatBytes) : 0),
    zero3: zero3Bytes(arch, layout, setup.gc, compute),
    buckets: counted('gradient buckets', layout.ddpBuckets ? grads : layout.bucketElements * compute),
    largestQuantized: base.largestQuantized,
  };
}

/** Factored (Adafactor) and low-rank projected (GaLore) states are smaller than per-element states. */
function stateReduction(arch: Architecture, shape: MethodShape, setup: MemorySetup, groups: Group[]): number {
  const opt = setup.optimizer;
  if (!opt.factored && !opt.projectionRank) return 0;
  const matrices = trainableMatrices(arch, shape);
  const p = groups[0]?.bytes ?? 2;
  let saved = 0;
  for (const [rows, cols] of matrices) {
    const full = rows * cols;
    if (opt.projectionRank && shape.kind !== 'adapter') {
      const r = Math.min(opt.projectionRank, rows, cols);
      // States live on the r × max(rows, cols) projected gradient, plus the min(rows, cols) × r projector.
      saved += full * opt.statesPerParam(p) - (r * Math.max(rows, cols) * opt.statesPerParam(p) + r * Math.min(rows, cols) * p);
    } else if (opt.factored) {
      // Adafactor's second moment: one row and one column vector (in the grad dtype) instead of a matrix.
      saved += full * p - (rows + cols) * p;
    }
  }
  return Math.max(0, saved);
}

/**
 * Shapes of the trainable matrices: LoRA's A and B (for an adapted parameter, ParamWrapper's A and B
 * hold one rank block per expert), or every Linear/Embedding weight being trained.
 */
function trainableMatrices(arch: Architecture, shape: MethodShape): [number, number][] {
  if (shape.kind === 'adapter') {
    const linears = shape.adapted.filter((a) => a.r > 0).flatMap((a): [number, number][] => [[a.r, a.inFeatures], [a.outFeatures, a.r]]);
    const params = shape.parameters.flatMap((p): [number, number][] => [[p.rank * p.experts, p.inFeatures], [p.outFeatures, p.rank * p.experts]]);
    return [...linears, ...params];
  }
  const from = shape.kind === 'freeze' ? arch.numLayers - shape.fullLayers : 0;
  return arch.modules
    .filter((m) => (isLinear(m) || m.type === 'Embedding') && m.params > 0 && (m.layer === undefined ? shape.kind === 'full' : m.layer >= from))
    .map((m): [number, number] => [m.outFeatures ?? 1, m.inFeatures ?? m.params]);
}

function largestTrainableTensor(arch: Architecture, shape: MethodShape): number {
  return trainableMatrices(arch, shape).reduce((max, [r, c]) => Math.max(max, r * c), 0);
}

/**
 * Autocast casts fp32 Linear weights to the compute dtype for each matmul; autograd keeps the copy
 * (to compute the input's grad) until backward passes that layer. Without checkpointing that is every
 * Linear above the first trainable layer; with it, only the output layer's, which is not checkpointed.
 */
function castCopies(arch: Architecture, shape: MethodShape, setup: MemorySetup, compute: number): number {
  if (!setup.autocast) return 0;
  const fp32Base = setup.weightDtype === 'fp32' && !setup.quantization && !setup.gc;
  const fp32Head = setup.weightDtype === 'fp32' || setup.upcastUnquantized;
  const first = firstTrainableLayer(shape, arch.numLayers);
  let params = 0;
  for (const m of arch.modules) {
    if (!isLinear(m)) continue;
    const head = roleOf(m.name) === 'lm_head';
    const owned = m.params > 0 ? m.params : (m.inFeatures ?? 0) * (m.outFeatures ?? 0);
    if (head ? fp32Head : fp32Base && m.layer !== undefined && m.layer >= first) params += owned;
  }
  return params * compute;
}

function zero3Bytes(arch: Architecture, layout: ShardLayout, gc: boolean, compute: number): ModelStates['zero3'] {
  if (!layout.zero3) return { persistent: 0, live: 0, prefetched: 0 };
  const g = zero3Gathered(arch, layout.zero3, gc);
  return {
    persistent: counted('ZeRO-3 persistent parameters', g.persistent * compute),
    live: counted('ZeRO-3 live parameters', g.retained * compute),
    prefetched: counted('ZeRO-3 prefetch', g.prefetched * compute),
  };
}

/** FSDP gathers whole layers (the current one and the prefetched next) in the compute dtype. */
function gatheredParams(arch: Architecture, layout: ShardLayout, compute: number, floatBytes: number): number {
  if (layout.gatheredLayers === 0) return 0;
  const layer = arch.modules.filter((m) => m.layer === 0).reduce((s, m) => s + m.params, 0);
  const embeddings = arch.vocabSize * arch.hiddenSize * (arch.tieWordEmbeddings ? 1 : 2);
  const perLayer = layer || (arch.totalParams - embeddings) / arch.numLayers;
  return layout.gatheredLayers * perLayer * compute + (layout.rootGathered ? embeddings * floatBytes : 0);
}
