/**
 * What each memory switch the plan turns on takes off the peak: the same step estimated with that one
 * switch off, minus the step as planned. A switch's saving is exactly its terms' difference (a second
 * estimate, not a formula of its own), so the breakdown can show "optimizer_in_bwd removed 1.2 GiB".
 * A model that runs eager attention where the plan asked for another (attentionImpl.ts) is compared
 * with the step under the attention asked for: what the fallback added.
 */
import type { Sourced, TrainingPlan, TrainingSettings } from '../../plan';
import type { Settings } from '../../settings';
import type { CountedModel } from '../params/selection';
import type { SwitchEffect } from '../types';
import type { PreparedStep } from './step';
import { prepareStep, stepPhases } from './step';

interface Switch {
  /** What users call it. */
  name: string;
  field: keyof TrainingSettings;
  /** The plan's training settings with the switch off. */
  off: (t: TrainingSettings) => TrainingSettings;
  /** Whether the plan has it on, when more than the field being set (the default). */
  applies?: (t: TrainingSettings) => boolean;
}

const off = (field: keyof TrainingSettings) => (t: TrainingSettings): TrainingSettings => ({ ...t, [field]: { value: false, assumed: 'switched off for comparison' } });

const SWITCHES: Switch[] = [
  { name: 'optimizer step in backward', field: 'optimizerInBackward', off: off('optimizerInBackward') },
  { name: 'activation offloading', field: 'activationOffloading', off: off('activationOffloading') },
  { name: 'torch.compile', field: 'compile', off: off('compile') },
  { name: 'chunked loss', field: 'chunkedLoss', off: off('chunkedLoss') },
  { name: 'gradient checkpointing', field: 'gradientCheckpointing', off: off('gradientCheckpointing') },
  {
    // ZeRO-3 keeping modules gathered for reuse and prefetching ahead, against releasing each after use (axolotl's bundled zero3 files).
    name: 'ZeRO-3 reuse distance and prefetch',
    field: 'sharding',
    applies: (t) => t.sharding?.value.kind === 'deepspeed' && t.sharding.value.stage === 3 && (t.sharding.value.maxLiveElements !== 0 || t.sharding.value.maxReuseElements !== 0),
    off: (t) => (t.sharding ? { ...t, sharding: { ...t.sharding, value: { ...t.sharding.value, maxLiveElements: 0, maxReuseElements: 0 } } } : t),
  },
  {
    // FSDP2 reshard_after_forward false (FSDP1 SHARD_GRAD_OP), against resharding each unit after its forward.
    name: 'no reshard after forward',
    field: 'sharding',
    applies: (t) => t.sharding?.value.kind === 'fsdp' && t.sharding.value.stage === 2,
    off: (t) => (t.sharding ? { ...t, sharding: { ...t.sharding, value: { ...t.sharding.value, stage: 3 } } } : t),
  },
  {
    name: 'Liger kernels',
    field: 'ligerKernels',
    applies: (t) => t.ligerKernels?.value.rmsNorm === true || t.ligerKernels?.value.glu === true,
    off: (t) => {
      const { ligerKernels: _dropped, ...rest } = t;
      return rest;
    },
  },
  {
    name: 'quantized base',
    field: 'quantization',
    off: (t) => {
      const { quantization: _dropped, ...rest } = t;
      return rest;
    },
  },
];

function isOn(value: Sourced<unknown> | undefined): boolean {
  return value !== undefined && value.value !== false && value.value !== undefined;
}

function effect(name: string, key: string | undefined, peakOff: number, peak: number): SwitchEffect {
  const saved = peakOff - peak;
  return { switch: name, ...(key ? { key } : {}), removed_bytes: Math.max(0, saved), added_bytes: Math.max(0, -saved) };
}

export function switchEffects(plan: TrainingPlan, counted: CountedModel, settings: Settings, step: PreparedStep, batch: number, seq: number, peak: number): SwitchEffect[] {
  const effects: SwitchEffect[] = [];
  for (const s of SWITCHES) {
    const value = plan.training[s.field];
    if (!isOn(value) || (s.applies && !s.applies(plan.training))) continue;
    const without = { ...plan, training: s.off(plan.training) };
    effects.push(effect(s.name, value?.key, stepPhases(prepareStep(without, counted, settings), batch, seq).peak.bytes, peak));
  }
  if (step.setup.attentionFallback) {
    const asked = prepareStep(plan, counted, settings, { requestedAttention: true });
    effects.push(effect('eager attention fallback', plan.training.attention?.key, stepPhases(asked, batch, seq).peak.bytes, peak));
  }
  return effects;
}
