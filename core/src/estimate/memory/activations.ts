/**
 * Activation memory over the whole stack for one micro-batch: everything saved at the end of forward,
 * or with gradient checkpointing only each layer's input, plus what backward through one layer adds
 * (its recomputed activations and the gradients of its intermediates).
 */
import { layerAdapterWeightsSaved } from './adapterActivations';
import { headSavedPerToken, layerBackwardTempPerToken, layerSavedPerToken } from './layerActivations';
import type { AttentionLayout, ElementBytes, LayerDims, LayerTraining } from './layerActivations';
import type { MethodShape } from './method';
import { firstTrainableLayer } from './method';
import { counted } from './mechanisms';
import { inputGroup } from './roles';

export interface ActivationInput {
  dims: LayerDims;
  bytes: ElementBytes;
  /** Each layer's attention layout (sliding-window layers may carry a mask the others do not). */
  attn: (layer: number) => AttentionLayout;
  numLayers: number;
  shape: MethodShape;
  gc: boolean;
  offload: boolean;
  /** Positions through the layers per micro-batch (prompt tuning's virtual tokens included). */
  tokens: number;
  /** Bytes of temporaries one layer's forward makes that do not scale with tokens (dequantized weight, DoRA's weight norm). */
  fixedLayerTemp: number;
  /** Dropout on the embeddings (GPT-2's embd_pdrop): its mask is kept when the embedding output needs a gradient. */
  embeddingDropout: boolean;
}

export interface ActivationBytes {
  /** Alive at the end of forward: saved activations, or the checkpointed layer inputs. */
  saved: number;
  /** Above the last layer: the final norm's and the output layer's saved inputs. */
  head: number;
  /** What backward through the top layer adds (recompute under checkpointing, intermediate grads). */
  topLayer: number;
  /** Alive while backward finishes the bottom layer (its saved or recomputed activations, grads). */
  bottomLayer: number;
  /** Moved to pinned host memory by activation offloading (not on the GPU). */
  offloaded: number;
}

export function layerTraining(input: ActivationInput, layer: number): LayerTraining {
  const { shape, numLayers, gc } = input;
  const first = firstTrainableLayer(shape, numLayers);
  const inputsNeedGrad = gc || shape.inputsNeedGrad;
  return {
    gradIn: inputsNeedGrad || layer > first,
    full: layer >= numLayers - shape.fullLayers,
    adapters: shape.adapted.filter((a) => a.layer === layer),
    prefix: shape.kind === 'prefix',
  };
}

export function activationBytes(input: ActivationInput): ActivationBytes {
  const { dims, bytes, attn, numLayers, tokens, shape } = input;
  const perLayer = Array.from({ length: numLayers }, (_, i) => layerSavedPerToken(dims, bytes, attn(i), layerTraining(input, i)));
  // Recomputation happens with the layer's input requiring grad (checkpointing enables input grads),
  // from the input the checkpoint holds.
  const recompute = (i: number) => layerSavedPerToken(dims, bytes, attn(i), { ...layerTraining(input, i), gradIn: true, inputHeld: true });
  const adapterWeights = (i: number) => layerAdapterWeightsSaved(layerTraining(input, i).adapters, bytes.adapterCopy || bytes.act);
  const boundary = counted('checkpointed layer inputs', bytes.act * dims.h);
  const temp = layerBackwardTempPerToken(dims, bytes) * tokens + input.fixedLayerTemp;
  const top = numLayers - 1;
  const flowsToTop = firstTrainableLayer(shape, numLayers) < numLayers || shape.lmHeadTrains;
  const head =
    headSavedPerToken(dims, bytes, {
      flow: flowsToTop,
      normTrains: shape.kind === 'full',
      lmHeadTrains: shape.lmHeadTrains,
      adapters: shape.adapted.filter((a) => inputGroup(a.role) === 'head'),
    }) * tokens;
  // The embeddings' dropout mask (one byte per element) lives from forward until backward passes them.
  const embedGrad = input.gc || shape.inputsNeedGrad;
  const embedMask = counted('embedding dropout mask', input.embeddingDropout && embedGrad ? dims.h * tokens : 0);
  if (input.gc) {
    // torchtune's OffloadActivations (0.7, streams on) copies each checkpointed input to pinned host
    // memory as it is saved and keeps the GPU copy only while it is among the 5 newest saves: the final
    // norm's four saves follow the last layer's, so forward ends with that one layer input on the GPU;
    // backward brings each back as its layer recomputes.
    const kept = input.offload ? 1 : numLayers;
    return {
      saved: kept * boundary * tokens + embedMask,
      head,
      topLayer: recompute(top) * tokens + adapterWeights(top) + temp,
      bottomLayer: (boundary + recompute(0)) * tokens + adapterWeights(0) + temp + embedMask,
      offloaded: input.offload ? numLayers * boundary * tokens : 0,
    };
  }
  const layerBytes = perLayer.map((b, i) => b * tokens + adapterWeights(i));
  const total = layerBytes.reduce((s, b) => s + b, 0);
  const inFlight = input.offload ? 2 * Math.max(...layerBytes) : total;
  return { saved: inFlight + embedMask, head, topLayer: temp, bottomLayer: layerBytes[0] + temp + embedMask, offloaded: input.offload ? total : 0 };
}
