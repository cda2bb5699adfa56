/**
 * The inputs an estimate was computed from, each with the key and span it came from or the default
 * that was assumed: hover, the breakdown and the CLI-like tables all say "computed from ...".
 */
import type { Sourced, TrainingPlan, TrainingSettings } from '../plan';
import type { Span } from '../types';

export interface EstimateInput {
  label: string;
  value: string;
  key?: string;
  span?: Span;
  assumed?: string;
  /** Plan field it stands for (`training.microBatchSize`, `peft.r`, `model`), for filtering by topic. */
  field: string;
}

const TRAINING_LABELS: Record<keyof TrainingSettings, string> = {
  microBatchSize: 'micro-batch size',
  sequenceLength: 'sequence length',
  gradientAccumulationSteps: 'gradient accumulation steps',
  gradientCheckpointing: 'gradient checkpointing',
  activationOffloading: 'activation offloading',
  precision: 'precision',
  weightDtype: 'base weight dtype',
  optimizer: 'optimizer',
  quantization: 'quantization',
  packing: 'sample packing',
  attention: 'attention implementation',
  gpus: 'GPUs',
  sharding: 'sharding',
  chunkedLoss: 'chunked loss',
  chunkedLossKind: 'loss chunking',
  loop: 'training loop',
  optimizerInBackward: 'optimizer step in backward',
  compile: 'torch.compile',
  ligerKernels: 'Liger kernels',
};

const PEFT_LABELS: Record<string, string> = {
  peft_type: 'PEFT method',
  r: 'rank',
  lora_alpha: 'LoRA alpha',
  target_modules: 'target modules',
  modules_to_save: 'modules saved in full',
  use_dora: 'DoRA',
  layers_to_transform: 'layers to transform',
  rank_pattern: 'per-module ranks',
};

export function estimateInputs(plan: TrainingPlan): EstimateInput[] {
  const out: EstimateInput[] = [];
  if (plan.model) out.push(input('base model', plan.model, 'model'));
  out.push(input('method', plan.method, 'method'));
  for (const [key, source] of Object.entries(plan.peftSources ?? {})) out.push(input(PEFT_LABELS[key] ?? words(key), source, `peft.${key}`));
  if (plan.peft && !plan.peftSources) {
    for (const key of Object.keys(PEFT_LABELS)) {
      if (plan.peft[key] !== undefined) out.push({ label: PEFT_LABELS[key], value: show(plan.peft[key]), key, field: `peft.${key}` });
    }
  }
  for (const [key, source] of Object.entries(plan.extra ?? {})) out.push(input(words(key), source, `extra.${key}`));
  for (const [field, source] of Object.entries(plan.training) as [keyof TrainingSettings, Sourced<unknown> | undefined][]) {
    if (source) out.push(input(TRAINING_LABELS[field] ?? field, source, `training.${field}`));
  }
  return out;
}

function input(label: string, source: Sourced<unknown>, field: string): EstimateInput {
  return { label, value: show(source.value), key: source.key, span: source.span, assumed: source.assumed, field };
}

/** `applyLoraToMlp` → "apply lora to mlp", `lora_dropout` → "lora dropout": labels for fields without one. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

/** A value as a reader says it: lists as "a, b", settings objects as "bits 4, type nf4", never raw JSON. */
function show(value: unknown): string {
  const text = spoken(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function spoken(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(spoken).join(', ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${words(k)} ${spoken(v)}`).join(', ');
  return String(value);
}

/** How many assumed defaults a one-line summary names before pointing at the breakdown for the rest. */
const ASSUMPTIONS_IN_SUMMARY = 3;

/** "computed from `lora_r`, `lora_target_modules`, `base_model`, assuming micro-batch size 1 (…)". */
export function computedFrom(inputs: EstimateInput[]): string {
  const keys = inputs.filter((i) => i.key).map((i) => `\`${i.key}\``);
  const assumed = inputs.filter((i) => !i.key && i.assumed).map((i) => `${i.label} ${i.value}`);
  const parts = [keys.length ? `computed from ${[...new Set(keys)].join(', ')}` : 'computed from defaults'];
  if (assumed.length) {
    const more = assumed.length - ASSUMPTIONS_IN_SUMMARY;
    parts.push(`assuming ${assumed.slice(0, ASSUMPTIONS_IN_SUMMARY).join(', ')}${more > 0 ? ` and ${more} more defaults (see the breakdown)` : ''}`);
  }
  return parts.join(', ');
}
