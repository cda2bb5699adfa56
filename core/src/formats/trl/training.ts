/** The training settings of a TRL config: the trainer config's values, TRL's defaults, its bundled accelerate configs. */
import type { AttentionImpl, ChunkedLossKind, LigerKernels, Precision, Quantization, Sharding, Sourced, TrainingSettings } from '../../plan';
import { assumed, derive, trainerLoop } from '../extractHelpers';
import type { FlatConfig } from '../hfArgs';
import { defaultOptimizer, toBool, toNumber, toStr, trainerSharding } from '../hfArgs';
import { deepspeedSharding } from '../sharding';

export function trainingOf(c: FlatConfig, weightDtype: Sourced<Precision>, quantization: Sourced<Quantization> | undefined): TrainingSettings {
  return {
    microBatchSize: c.value('per_device_train_batch_size', toNumber),
    sequenceLength: c.get('max_length', toNumber) ?? c.get('max_seq_length', toNumber) ?? c.value('max_length', toNumber),
    gradientAccumulationSteps: c.value('gradient_accumulation_steps', toNumber),
    gradientCheckpointing: c.get('gradient_checkpointing', toBool) ?? assumed(true, 'no `gradient_checkpointing`: TRL trainer configs default to true'),
    activationOffloading: c.value('activation_offloading', toBool),
    precision: precisionOf(c),
    weightDtype,
    optimizer: c.get('optim', toStr) ?? defaultOptimizer(),
    gpus: c.get('num_processes', toNumber),
    quantization,
    packing: c.value('packing', toBool),
    attention: attentionOf(c),
    sharding: trainerSharding(c) ?? acceleratePreset(c),
    compile: c.get('torch_compile', toBool),
    chunkedLoss: chunkedLossOf(c),
    ...ligerOf(c),
    loop: trainerLoop("TRL's trainers (subclasses of transformers' Trainer)"),
  };
}

const DTYPES: Record<string, Precision> = { bfloat16: 'bf16', float16: 'fp16', float32: 'fp32' };

/** `dtype` (formerly `torch_dtype`) is the dtype the weights are loaded in; TRL defaults to float32. */
export function weightDtypeOf(c: FlatConfig): Sourced<Precision> {
  const d = c.get('dtype', toStr) ?? c.get('torch_dtype', toStr);
  if (!d) return assumed('fp32', 'no `dtype`: TRL loads the model in float32');
  if (DTYPES[d.value]) return derive(d, DTYPES[d.value]);
  return derive(d, 'bf16', `\`${d.key}: ${d.value}\` keeps the checkpoint's dtype, bfloat16 for most current models`);
}

export function quantizationOf(c: FlatConfig, computeDtype: Precision): Sourced<Quantization> | undefined {
  const four = c.get('load_in_4bit', toBool);
  if (four?.value) {
    const type = c.value('bnb_4bit_quant_type', toStr)?.value === 'fp4' ? 'fp4' : 'nf4';
    const storage = c.get('bnb_4bit_quant_storage', toStr)?.value;
    return derive(four, { bits: 4, type, doubleQuant: c.value('use_bnb_nested_quant', toBool)?.value ?? false, computeDtype, ...(storage ? { storage } : {}) });
  }
  const eight = c.get('load_in_8bit', toBool);
  return eight?.value ? derive(eight, { bits: 8, computeDtype }) : undefined;
}

function precisionOf(c: FlatConfig): Sourced<Precision> {
  const fp16 = c.get('fp16', toBool);
  const bf16 = c.get('bf16', toBool);
  if (fp16?.value) return derive(fp16, 'fp16');
  if (bf16) return derive(bf16, bf16.value ? 'bf16' : 'fp32');
  return assumed('bf16', 'no `bf16`: TRL turns bf16 on unless `fp16` is set');
}

const ATTENTION: Record<string, AttentionImpl> = {
  flash_attention_2: 'flash_attention_2',
  flash_attention_3: 'flash_attention_3',
  sdpa: 'sdpa',
  eager: 'eager',
  flex_attention: 'flex_attention',
  'kernels-community/flash-attn': 'flash_attention_2',
  'kernels-community/flash-attn3': 'flash_attention_3',
  'kernels-community/vllm-flash-attn3': 'flash_attention_3',
};

function attentionOf(c: FlatConfig): Sourced<AttentionImpl> | undefined {
  const a = c.get('attn_implementation', toStr);
  if (!a) return assumed('sdpa', 'no `attn_implementation`: transformers uses SDPA where the model supports it');
  return ATTENTION[a.value] ? derive(a, ATTENTION[a.value]) : undefined;
}

/** `accelerate_config`: one of the presets TRL bundles, or a path judged by its name like a DeepSpeed file. */
function acceleratePreset(c: FlatConfig): Sourced<Sharding> | undefined {
  const acc = c.get('accelerate_config', toStr);
  if (!acc) return undefined;
  const zero = /^zero([0-3])$/.exec(acc.value);
  if (zero) return derive(acc, { kind: 'deepspeed', stage: Number(zero[1]) as 0 | 1 | 2 | 3 }, `TRL's bundled \`${acc.value}\` accelerate config: DeepSpeed ZeRO-${zero[1]}`);
  if (/^fsdp[12]$/.test(acc.value)) return derive(acc, { kind: 'fsdp', stage: 3 }, `TRL's bundled \`${acc.value}\` accelerate config: FSDP full sharding`);
  if (acc.value === 'multi_gpu') return derive(acc, { kind: 'ddp' });
  const guess = deepspeedSharding(acc);
  return guess.value.stage === undefined ? undefined : guess;
}

/** Keys that only the preference and RL trainers declare: their loss is not SFT's chunked NLL. */
const NOT_SFT = ['beta', 'max_prompt_length', 'precompute_ref_log_probs', 'reference_free', 'rpo_alpha', 'num_generations', 'desirable_weight', 'undesirable_weight', 'center_rewards_coefficient', 'use_vllm'];

/** transformers 5.17's Trainer applies Liger's patch for the model type with its defaults under `use_liger_kernel`: RMSNorm, SwiGLU/GeGLU and fused linear cross-entropy. */
function ligerOf(c: FlatConfig): Pick<TrainingSettings, 'chunkedLossKind' | 'ligerKernels'> {
  const liger = c.get('use_liger_kernel', toBool);
  if (!liger?.value) return {};
  return { chunkedLossKind: derive<boolean, ChunkedLossKind>(liger, 'liger'), ligerKernels: derive<boolean, LigerKernels>(liger, { rmsNorm: true, glu: true }) };
}

function chunkedLossOf(c: FlatConfig): Sourced<boolean> {
  const liger = c.get('use_liger_kernel', toBool);
  if (liger?.value) return liger;
  const loss = c.get('loss_type', toStr);
  if (loss) return derive(loss, loss.value === 'chunked_nll');
  if (NOT_SFT.some((k) => c.has(k))) return assumed(false, 'a preference/RL trainer config: its loss materialises the full logits');
  return assumed(true, "no `loss_type`: SFT's default loss `chunked_nll` projects only the non-masked tokens, in chunks");
}
