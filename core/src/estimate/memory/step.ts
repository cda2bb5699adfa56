/**
 * One training step's allocated peak for a micro-batch × sequence length: model states (computed
 * once), activations and loss (per shape), combined over the step's phases.
 */
import type { Architecture } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { Settings } from '../../settings';
import type { CountedModel } from '../params/selection';
import { findGpu } from '../gpus';
import { activationBytes } from './activations';
import { workspaceBytes } from './device';
import { deviceConstants } from './deviceConstants';
import type { ActivationInput } from './activations';
import type { AttentionLayout, ElementBytes, LayerDims } from './layerActivations';
import { embeddingDropout, layerDims, logitSoftcap, slidingWindow } from './layerDims';
import { lossBytes } from './logits';
import { counted } from './mechanisms';
import type { MethodShape } from './method';
import { describeMethod } from './method';
import type { ModelStates } from './modelStates';
import { modelStates } from './modelStates';
import type { Phase } from './phases';
import { peakPhase, phases } from './phases';
import type { MemorySetup } from './setup';
import { BYTES, resolveSetup } from './setup';

export interface PreparedStep {
  arch: Architecture;
  setup: MemorySetup;
  shape: MethodShape;
  states: ModelStates;
  dims: LayerDims;
  bytes: ElementBytes;
  notes: string[];
  /** The BLAS workspaces of the target GPU's family, a term of every phase. */
  workspaces: { label: string; bytes: number };
}

export function prepareStep(plan: TrainingPlan, counted: CountedModel, settings: Settings, options: { requestedAttention?: boolean } = {}): PreparedStep {
  const { architecture: arch, counts: params } = counted;
  const notes: string[] = [];
  const setup = resolveSetup(plan, settings, notes, arch, options);
  const shape = describeMethod(plan, counted, notes);
  if (shape.adapterTrainable > 0) notes.push(setup.adapterBytes === 4 ? 'adapter weights in fp32 (PEFT autocast_adapter_dtype)' : 'adapter weights in the model dtype');
  const compute = setup.precision === 'fp32' ? 4 : 2;
  const act = setup.precision === 'fp32' ? 4 : setup.upcastUnquantized ? 4 : setup.autocast ? 2 : BYTES[setup.weightDtype];
  const adapterCopy = setup.autocast ? (compute < setup.adapterBytes ? compute : 0) : setup.adapterBytes !== act ? setup.adapterBytes : 0;
  const dims = { ...layerDims(arch), compiled: setup.compiled, compiledHead: setup.compiledModel, ligerNorm: setup.ligerNorm, ligerGlu: setup.ligerGlu };
  const states = modelStates(arch, params, shape, setup);
  notes.push(`optimizer: ${setup.optimizer.label}`, `data parallelism: ${states.layout.label}`);
  const constants = deviceConstants(findGpu(settings.gpu)?.family);
  const workspaces = { label: constants.workspaces.label, bytes: workspaceBytes(constants) };
  return { arch, setup, shape, states, dims, bytes: { act, attn: compute, adapterCopy }, notes, workspaces };
}

export function stepPhases(p: PreparedStep, batch: number, seq: number): { peak: Phase; all: Phase[]; offloaded: number } {
  const { setup, shape, arch } = p;
  const virtual = shape.kind === 'prompt' ? shape.virtualTokens : 0;
  const prefix = shape.kind === 'prefix' ? shape.virtualTokens : 0;
  const positions = seq + virtual;
  const tokens = batch * positions;
  const act: ActivationInput = {
    dims: p.dims,
    bytes: p.bytes,
    attn: (layer) => attentionLayout(p, positions, prefix, layer),
    numLayers: arch.numLayers,
    shape,
    gc: setup.gc,
    offload: setup.offloadActivations,
    tokens,
    fixedLayerTemp: fixedLayerTemp(p),
    embeddingDropout: embeddingDropout(arch),
  };
  const logitBytes = setup.autocast ? p.bytes.attn : setup.upcastUnquantized ? 4 : BYTES[setup.weightDtype];
  const loss = lossBytes({
    positions: tokens,
    vocab: arch.vocabSize,
    hidden: arch.hiddenSize,
    logitBytes,
    outputsHeld: setup.outputsHeld,
    chunking: setup.chunkedLoss ? setup.chunkedLossKind : 'none',
    softcap: logitSoftcap(arch),
    compiled: setup.compiled,
    hiddenBytes: p.bytes.act,
    headGradBytes: shape.lmHeadTrains ? BYTES[setup.weightDtype] : 0,
  });
  const activations = activationBytes(act);
  const all = phases({
    states: p.states,
    act: activations,
    loss,
    gc: setup.gc,
    accumulating: setup.gradAccumulation > 1,
    fusedBackward: setup.optimizer.fusedBackward || setup.optimizerInBackward,
    stepInBackward: setup.optimizerInBackward,
    workspaces: p.workspaces,
  });
  return { peak: peakPhase(all), all, offloaded: activations.offloaded };
}

/** The pinned host memory activation offloading fills, for the estimate's output (absent without offloading). */
export function offloadedTo(p: PreparedStep, batch: number, seq: number): { host_offloaded_bytes?: number } {
  if (!p.setup.offloadActivations) return {};
  return { host_offloaded_bytes: Math.round(stepPhases(p, batch, seq).offloaded) };
}

/**
 * Flash/SDPA kernels keep no S×S matrix. A materialised mask (padding, packed sequences, prefix tuning's longer keys,
 * or a sliding window the keys reach: transformers 5.17 skips the mask only while the keys are fewer
 * than the window) sends SDPA to its memory-efficient kernel, which keeps the mask as an additive bias
 * padded to a multiple of 16 keys, and makes transformers expand K/V to every head (repeat_kv).
 * Flash attention takes the window as a kernel argument and needs no mask.
 */
function attentionLayout(p: PreparedStep, positions: number, prefix: number, layer: number): AttentionLayout {
  const impl = p.setup.attention;
  const kvPerQuery = positions + prefix;
  const window = slidingWindow(p.arch);
  const windowMask = window !== undefined && window.sliding(layer) && kvPerQuery >= window.size;
  const mask = prefix > 0 || p.setup.paddingMask || p.setup.packedMask || windowMask;
  const sdpaMasked = impl === 'sdpa' && mask;
  return {
    eager: impl === 'eager',
    kvRatio: kvPerQuery / positions,
    kvPerQuery,
    nativeGqa: impl !== 'eager' && !sdpaMasked,
    maskBytesPerQuery: sdpaMasked ? Math.ceil(kvPerQuery / 16) * 16 * p.bytes.attn : 0,
    cachedKv: prefix > 0,
  };
}

/**
 * Per-layer temporaries that do not scale with tokens: a 4-bit/8-bit weight dequantized for its matmul
 * (again in backward, for the input's gradient), and DoRA's weight-norm computation, largest module
 * first. bitsandbytes dequantizes to the dtype the weight was quantized from, then casts to the layer's
 * compute dtype (`bnb_4bit_compute_dtype`) when that differs: both copies exist for the matmul. PEFT
 * 0.21's dora.py first builds the dense LoRA weight from an fp32 identity (4·in², its bf16 cast 2·in²
 * kept by lora_A, the bf16 in × out product); with the identity freed it sums the fp32 casts of the
 * base and LoRA weights (4 × 4·in·out with the scaled term and the sum).
 */
function fixedLayerTemp(p: PreparedStep): number {
  const q = p.setup.quantization;
  const stored = BYTES[p.setup.weightDtype];
  const compute = q?.computeDtype ? BYTES[q.computeDtype] : p.bytes.attn;
  const perElement = q?.computeDtype && compute !== stored ? stored + compute : compute;
  const dequant = counted('dequantized weight', p.states.largestQuantized * perElement);
  const doraTemp = (i: number, o: number) => Math.max(6 * i * i + 2 * i * o, 2 * i * i + 16 * i * o);
  const dora = p.setup.gc ? p.shape.adapted.filter((a) => a.kind === 'dora').reduce((max, a) => Math.max(max, doraTemp(a.inFeatures, a.outFeatures)), 0) : 0;
  return dequant + counted('DoRA weight norm', dora);
}
