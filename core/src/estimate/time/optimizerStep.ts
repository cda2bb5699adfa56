/**
 * The optimizer step: a streaming pass over the trainable tensors, memory-bound. torch 2.11's AdamW
 * on CUDA defaults to the foreach implementation, whose step is ten multi-tensor ops (weight decay,
 * the first-moment lerp, the second moment's scale and addcmul, sqrt, the bias-correction divide, eps,
 * the addcdiv update, plus the step counters): 20 reads and writes of a parameter-sized tensor in
 * the parameter's dtype. Each op is one kernel per chunk of tensors (torch's multi_tensor_apply takes
 * at most 36 tensors per launch for the four-list ops). Other optimizers are scaled by the state
 * bytes they keep against AdamW's two moments, which is how their streaming traffic differs.
 */
import type { PreparedStep } from '../memory/step';
import { BYTES } from '../memory/setup';
import type { Kernel } from './kernels';
import { pass } from './kernels';

const ADAMW_ACCESSES = 20;
const FOREACH_OPS = 10;
const TENSORS_PER_LAUNCH = 36;

/** How many trainable tensors the optimizer steps (the foreach ops launch per chunk of them). */
export function trainableTensors(p: PreparedStep): number {
  const { shape, arch } = p;
  if (shape.kind === 'full' || shape.kind === 'freeze') {
    const owned = arch.modules.filter((m) => m.params > 0 && (shape.kind === 'full' || (m.layer !== undefined && m.layer >= arch.numLayers - shape.fullLayers)));
    return owned.reduce((n, m) => n + (m.tensors?.length ?? (m.bias ? 2 : 1)), 0);
  }
  const perAdapter = (kind: string) => (kind === 'dora' ? 3 : kind.startsWith('ia3') ? 1 : 2);
  return Math.max(1, shape.adapted.reduce((n, a) => n + perAdapter(a.kind), 0) + shape.parameters.length * 2);
}

export function optimizerKernels(p: PreparedStep): Kernel[] {
  const { shape, setup, states } = p;
  const groups: [number, number][] = [
    [shape.baseDtypeTrainable, BYTES[setup.weightDtype]],
    [shape.adapterTrainable, setup.adapterBytes],
  ];
  // ZeRO/FSDP shard the states: each GPU steps its share (0 = on the host, stepped by the CPU: not modelled).
  const shards = Math.max(1, states.layout.states);
  let bytes = 0;
  for (const [elements, paramBytes] of groups) {
    if (elements <= 0) continue;
    const stateShare = setup.optimizer.statesPerParam(paramBytes) / (2 * paramBytes);
    bytes += ((elements * paramBytes * ADAMW_ACCESSES) / 2) * (1 + stateShare) / shards;
  }
  const launches = FOREACH_OPS * Math.ceil(trainableTensors(p) / TENSORS_PER_LAUNCH);
  return [pass('optimizer', launches, bytes / launches)];
}
