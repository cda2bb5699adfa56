/**
 * The training settings of a torchtune recipe config, each with the key it came from or the recipe
 * default that was assumed. torchtune trains in one dtype (no mixed precision), so the weights are
 * held in `dtype` too; QLoRA builders store the frozen base in 4-bit NF4 (torchao).
 */
import type { ConfigDoc } from '../../document';
import type { Precision, Sharding, Sourced, TrainingSettings } from '../../plan';
import { valueAt } from '../../rules/rule';
import { assumed, derive, isBoolean, isNumber, isString, sourced } from '../extractHelpers';
import type { RecipeGuess } from './recipe';
import { optimizerName } from './optimizerName';

const isPrecision = (v: unknown): v is Precision => v === 'bf16' || v === 'fp32' || v === 'fp16';
const isPositive = (v: unknown): v is number => isNumber(v) && v > 0;
const CHUNKED_LOSS = /(LinearCrossEntropyLoss|ChunkedOutputLoss)$/;

export function trainingSettings(doc: ConfigDoc, config: Record<string, unknown>, recipe: RecipeGuess, quantized?: Sourced<boolean>): TrainingSettings {
  const t: TrainingSettings = {};
  t.microBatchSize = sourced(doc, ['batch_size'], isPositive);
  t.sequenceLength = sourced(doc, ['tokenizer', 'max_seq_len'], isPositive) ?? sourced(doc, ['dataset', 'max_seq_len'], isPositive);
  t.gradientAccumulationSteps = sourced(doc, ['gradient_accumulation_steps'], isPositive) ?? assumed(1, 'not set: one micro-batch per optimizer step');
  t.gradientCheckpointing = sourced(doc, ['enable_activation_checkpointing'], isBoolean) ?? assumed(false, 'not set: the recipes default `enable_activation_checkpointing` to False');
  t.activationOffloading = sourced(doc, ['enable_activation_offloading'], isBoolean) ?? assumed(false, 'not set: the recipes default `enable_activation_offloading` to False');
  t.precision = sourced(doc, ['dtype'], isPrecision) ?? assumed<Precision>('fp32', 'no `dtype`: torchtune falls back to fp32');
  t.weightDtype = { ...t.precision };
  t.packing = packing(doc, config);
  t.attention = assumed('sdpa', "torchtune's attention runs on PyTorch scaled_dot_product_attention (flex attention for packed batches where available)");
  const optimizer = sourced(doc, ['optimizer', '_component_'], isString);
  if (optimizer) t.optimizer = derive(optimizer, optimizerName(optimizer.value, valueAt(config, ['optimizer', 'fused']) === true));
  const loss = sourced(doc, ['loss', '_component_'], isString);
  if (loss) t.chunkedLoss = derive(loss, CHUNKED_LOSS.test(loss.value));
  if (loss && t.chunkedLoss?.value) t.chunkedLossKind = derive(loss, /LinearCrossEntropyLoss$/.test(loss.value) ? 'linear-chunks' : 'output-chunks');
  // torchao's NF4Tensor: 64-weight blocks, an int8 scaler per block, an fp32 factor per 256 blocks.
  if (quantized?.value) t.quantization = derive(quantized, { bits: 4, type: 'nf4', doubleQuant: true, computeDtype: t.precision.value, library: 'torchao' });
  t.optimizerInBackward = optimizerInBackward(doc, recipe);
  t.compile = sourced(doc, ['compile'], isBoolean) ?? assumed(false, 'not set: the recipes default `compile` to False');
  t.loop = assumed('trainer', "torchtune's recipe loop deletes the model output (`del outputs`) before backward, as the Trainer does; batches carry no padding mask");
  Object.assign(t, parallelism(doc, recipe));
  return dropUndefined(t);
}

/** `optimizer_in_bwd` is read by the full fine-tuning recipes (0.7); the LoRA recipes ignore it. */
function optimizerInBackward(doc: ConfigDoc, recipe: RecipeGuess): Sourced<boolean> {
  const written = sourced(doc, ['optimizer_in_bwd'], isBoolean);
  if (!written) return assumed(false, 'not set: the recipes default `optimizer_in_bwd` to False');
  if (written.value && recipe.lora) return derive(written, false, 'the LoRA recipes do not read `optimizer_in_bwd`: the optimizer steps after backward');
  return written;
}

function packing(doc: ConfigDoc, config: Record<string, unknown>): Sourced<boolean> {
  const direct = sourced(doc, ['dataset', 'packed'], isBoolean);
  if (direct) return direct;
  const list = config.dataset;
  if (Array.isArray(list)) {
    const i = list.findIndex((d) => valueAt(d, ['packed']) === true);
    if (i >= 0) return sourced(doc, ['dataset', i, 'packed'], isBoolean)!;
  }
  return assumed(false, 'not set: datasets are not packed by default');
}

/** Distributed recipes shard with FSDP2: parameters, gradients and optimizer state (ZeRO-3 style). */
function parallelism(doc: ConfigDoc, recipe: RecipeGuess): Pick<TrainingSettings, 'gpus' | 'sharding'> {
  const why = recipe.name ? `the header comment launches \`${recipe.name}\`` : 'distributed-only keys are set';
  if (recipe.distributed === false) return { gpus: assumed(1, `${why}, a single-device recipe`) };
  if (!recipe.distributed) return {};
  const reshard = sourced(doc, ['fsdp_reshard_after_forward'], isBoolean);
  const offload = sourced(doc, ['fsdp_cpu_offload'], isBoolean);
  const stage = reshard?.value === false ? 2 : 3;
  const offloaded = offload?.value === true;
  const value: Sharding = { kind: 'fsdp', stage, offloadParams: offloaded, offloadOptimizer: offloaded };
  const origin = offload ?? reshard;
  const sharding = origin ? derive(origin, value) : assumed(value, `${why}: FSDP2 shards parameters, gradients and optimizer state across the GPUs`);
  const gpus = recipe.nprocPerNode ? assumed(recipe.nprocPerNode, `the header comment launches it with --nproc_per_node ${recipe.nprocPerNode}`) : undefined;
  return { sharding, ...(gpus ? { gpus } : {}) };
}

function dropUndefined(t: TrainingSettings): TrainingSettings {
  for (const k of Object.keys(t) as (keyof TrainingSettings)[]) if (t[k] === undefined) delete t[k];
  return t;
}
