/**
 * The training path the H200 calibration runs (../shared/calibration/h200-training-memory.json)
 * pinned down, as named conditions a step either meets or leaves: a plain PyTorch loop over a PEFT
 * model (or full fine-tuning) of the Llama-family types measured, bf16 autocast over bf16 weights,
 * torch AdamW (foreach), SDPA without a mask, one GPU, nothing else switched on. provenance.ts says
 * which terms each condition holds up; a term whose conditions all hold is calibrated.
 */
import type { TrainingPlan } from '../../plan';
import { textConfig } from './layerDims';
import type { PreparedStep } from './step';

/** The model types of the measured runs (Llama 2/3/3.2, TinyLlama, Qwen2.5, Mistral, Gemma 1). */
export const MEASURED_MODEL_TYPES = ['llama', 'qwen2', 'mistral', 'gemma'];
/** The adapter kinds measured (LoRA, DoRA, IA3; prompt and prefix tuning are shapes of their own). */
const MEASURED_ADAPTERS = ['lora', 'dora', 'ia3-output', 'ia3-input'];
/** Training settings the runs stated; any other switch that is on leaves the measured path. */
const MEASURED_SETTINGS = ['microBatchSize', 'sequenceLength', 'gradientCheckpointing', 'precision', 'weightDtype', 'optimizer', 'attention', 'gpus'];
const MEASURED_OPTIMIZER = 'AdamW (torch, foreach)';

/** What a step is, as far as the calibration's conditions ask. */
export interface StepPath {
  plan: TrainingPlan;
  step: PreparedStep;
  /** Positions per sequence at this shape (a sliding window is reached or not). */
  seq: number;
}

export type Condition = 'plain-loop' | 'measured-model' | 'bf16-autocast' | 'unquantized' | 'one-gpu' | 'adamw' | 'unmasked-sdpa' | 'measured-method' | 'no-other-switch';

/** Each condition: undefined when the step meets it, else why it leaves the measured path. */
export const CONDITIONS: Record<Condition, (p: StepPath) => string | undefined> = {
  'plain-loop': ({ plan, step }) =>
    plan.format === 'peft-adapter' && step.setup.outputsHeld ? undefined : `the ${plan.format === 'torchtune' ? 'torchtune recipe' : 'Trainer'} path was never measured (the runs are a plain PyTorch loop)`,
  'measured-model': ({ step, seq }) => {
    const type = step.arch.modelType;
    if (!MEASURED_MODEL_TYPES.includes(type)) return `no ${type} model was measured (the runs: ${MEASURED_MODEL_TYPES.join(', ')})`;
    const config = textConfig(step.arch);
    const dropout = trainingDropout(config);
    if (dropout) return `dropout in training (${dropout}) was never measured`;
    const window = config.sliding_window;
    // transformers skips the mask only while the keys stay shorter than the window.
    if (typeof window === 'number' && config.use_sliding_window !== false && seq >= window) return `a sequence that reaches the ${window}-token sliding window was never measured`;
    return undefined;
  },
  'bf16-autocast': ({ step: { setup } }) =>
    setup.autocast && setup.precision === 'bf16' && setup.weightDtype === 'bf16' ? undefined : 'only bf16 autocast over bf16 weights was measured',
  unquantized: ({ step: { setup, arch } }) =>
    arch.prequantized ? `a prequantized ${arch.prequantized.method} checkpoint was never measured` : setup.quantization ? `${setup.quantization.bits}-bit quantized weights were never measured` : undefined,
  'one-gpu': ({ step: { setup } }) => (setup.gpus === 1 && !setup.sharding ? undefined : 'data parallelism and sharding were never measured (the runs use one GPU)'),
  adamw: ({ step: { setup } }) => (setup.optimizer.label === MEASURED_OPTIMIZER ? undefined : `only torch AdamW (foreach) was measured, not ${setup.optimizer.label}`),
  'unmasked-sdpa': ({ step: { setup } }) =>
    setup.attention !== 'sdpa' ? `${setup.attention} attention was never measured (the runs use SDPA)` : setup.paddingMask ? 'padded batches with an attention mask were never measured' : setup.packedMask ? 'packed batches with a block-diagonal mask were never measured' : undefined,
  'measured-method': ({ step: { shape } }) => {
    if (shape.kind === 'freeze') return 'freeze tuning was never measured';
    const unmeasured = shape.adapted.find((a) => !MEASURED_ADAPTERS.includes(a.kind) || a.dropout > 0);
    if (unmeasured) return unmeasured.dropout > 0 ? 'adapter dropout was never measured' : `${unmeasured.kind} adapters were never measured`;
    if (shape.parameters.length > 0) return 'adapted expert parameters (target_parameters) were never measured';
    if (shape.kind === 'adapter' && shape.baseDtypeTrainable > 0) return 'trained copies of base modules (modules_to_save, trainable tokens) were never measured';
    return undefined;
  },
  'no-other-switch': ({ plan }) => {
    const on = Object.entries(plan.training).filter(([key, v]) => !MEASURED_SETTINGS.includes(key) && isOn(v?.value));
    return on.length ? `${on.map(([key]) => key).join(', ')} ${on.length === 1 ? 'was' : 'were'} never measured` : undefined;
  },
};

/**
 * A switch that changes the step: true, a number other than 1, or a structure (quantization,
 * sharding). A choice among names (a string) is no switch: the value measured must be a condition of
 * its own, as attention and the optimizer are.
 */
function isOn(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 1;
  return typeof value === 'object' && value !== null;
}

/** The largest dropout probability a model's config.json sets (attention, hidden, residual, embedding). */
function trainingDropout(config: Record<string, unknown>): number {
  return Math.max(0, ...Object.entries(config).filter(([k, v]) => /dropout|pdrop/.test(k) && !/classifier/.test(k) && typeof v === 'number').map(([, v]) => v as number));
}

/** The first condition of `needs` the step leaves, or undefined when it meets them all. */
export function leftCondition(p: StepPath, needs: readonly Condition[]): string | undefined {
  for (const c of needs) {
    const why = CONDITIONS[c](p);
    if (why) return why;
  }
  return undefined;
}
