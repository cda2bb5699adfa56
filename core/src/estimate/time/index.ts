/**
 * Step time: seconds per optimizer step from the same plan, counted model and prepared step the memory
 * estimate uses. Each micro-step's kernels (microStep.ts) and the optimizer step (optimizerStep.ts)
 * are timed by kernels.ts at the GPU's datasheet rates (gpuRates.ts) and the fitted global fractions
 * (calibration.ts); gradient accumulation repeats the micro-step, not the optimizer step.
 */
import { gpuSpoken, withArticle } from '../gpuWords';
import type { TrainingPlan } from '../../plan';
import type { Settings } from '../../settings';
import { findGpu } from '../gpus';
import { prepareStep } from '../memory/step';
import type { CountedModel } from '../params/selection';
import type { TimeEstimate } from '../types';
import type { TimeParameters } from './calibration';
import { TIME_PARAMETERS } from './calibration';
import { GPU_RATES } from './gpuRates';
import type { Kernel, TimeMechanism } from './kernels';
import { kernelSeconds, TIME_MECHANISMS } from './kernels';
import { microStepKernels } from './microStep';
import { optimizerKernels } from './optimizerStep';

const FALLBACK_GPU = 'H100-80GB';

export function estimateTime(plan: TrainingPlan, counted: CountedModel, settings: Settings, params: TimeParameters = TIME_PARAMETERS): TimeEstimate {
  const step = prepareStep(plan, counted, settings);
  const { setup, shape } = step;
  const assumptions: string[] = [];
  const known = findGpu(settings.gpu);
  const name = known && GPU_RATES[known.name] ? known.name : FALLBACK_GPU;
  if (name !== known?.name) assumptions.push(`GPU "${settings.gpu}" has no rates in the catalog: timed as the ${FALLBACK_GPU}`);
  const gpu = GPU_RATES[name];
  const virtual = shape.kind === 'prompt' ? shape.virtualTokens : 0;
  const prefix = shape.kind === 'prefix' ? shape.virtualTokens : 0;
  const positions = setup.seq + virtual;
  const micro = microStepKernels(step, { batch: setup.batch, positions, keys: positions + prefix });
  const accumulation = setup.gradAccumulation;
  const kernels: Kernel[] = [...micro.map((k) => ({ ...k, count: k.count * accumulation })), ...optimizerKernels(step)];
  const byMechanism = new Map<TimeMechanism, number>();
  for (const k of kernels) byMechanism.set(k.mechanism, (byMechanism.get(k.mechanism) ?? 0) + kernelSeconds(k, gpu, params));
  const seconds = [...byMechanism.values()].reduce((a, b) => a + b, 0);
  const tokens = setup.batch * setup.seq * accumulation;
  // MFU counts the FLOPs the step needs, not the recompute gradient checkpointing adds (PaLM's
  // definition): the same kernels without checkpointing, over the peak rate.
  const needed = microStepKernels({ ...step, setup: { ...setup, gc: false } }, { batch: setup.batch, positions, keys: positions + prefix });
  const neededFlops = needed.reduce((s, k) => s + k.flops * k.count, 0) * accumulation;
  assumptions.push(
    `rates of ${withArticle(gpuSpoken(name))}: ${gpu.tflops} dense 16-bit TFLOPS, ${gpu.bandwidthGBs} GB/s (${gpu.source})`,
    `kernels reach ${pct(params.matmulFraction)} of the tensor rate (attention ${pct(params.attentionFraction)}), ${pct(params.bandwidthFraction)} of the bandwidth, and none takes less than ${(params.launchSeconds * 1e6).toFixed(0)} µs to issue (eager PyTorch)`,
    'every sequence full length; no data loading, logging or evaluation time',
  );
  if (setup.gpus > 1) assumptions.push(`${setup.gpus} GPUs: each GPU's step is timed alone; gradient all-reduce and parameter all-gather over the interconnect are not modelled yet`);
  if (setup.compiled) assumptions.push('torch.compile: timed as eager (fused kernels would issue fewer launches)');
  if (setup.sharding?.offloadOptimizer || setup.sharding?.offloadParams) assumptions.push('offloaded optimizer or parameters: the host-side step and PCIe transfers are not modelled');
  const price = settings.gpuHourPrice;
  // A cost only from the user's own price (peftLens.gpuHourPrice): every GPU of the job is billed.
  const cost = price > 0 ? { gpu_hour_price: price, per_million_tokens: (price / 3600) * (1e6 / (tokens / seconds)), per_1000_steps: (price / 3600) * setup.gpus * 1000 * seconds } : undefined;
  return {
    seconds_per_step: seconds,
    tokens_per_second_per_gpu: tokens / seconds,
    mfu: neededFlops / seconds / (gpu.tflops * 1e12),
    gpu: name,
    gradient_accumulation_steps: accumulation,
    tokens_per_step_per_gpu: tokens,
    breakdown: [...byMechanism.entries()].map(([mechanism, s]) => ({ term: mechanism, seconds: s, what: TIME_MECHANISMS[mechanism] })),
    ...(cost ? { cost } : {}),
    assumptions,
  };
}

const pct = (f: number) => `${Math.round(f * 100)} %`;
