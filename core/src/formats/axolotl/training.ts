/**
 * The training settings of an axolotl config that drive memory, each with its span or the default
 * axolotl would use: batch, length, checkpointing, precision, optimizer, quantization, packing,
 * attention, sharding and the loss.
 */
import type { ConfigDoc } from '../../document';
import type { AttentionImpl, LigerKernels, Precision, Quantization, Sharding, Sourced, TrainingSettings } from '../../plan';
import { fsdpOptionOf, fsdpVersionOf, LEGACY_ATTENTION_FLAGS } from '../../rules/axolotl/facts';
import { truthy } from '../../rules/rule';
import { assumed, derive, isString, sourced, trainerLoop } from '../extractHelpers';
import { deepspeedSharding, FSDP_STRATEGY_STAGE } from '../sharding';
import type { Config } from './read';
import { at } from './read';

export function trainingOf(doc: ConfigDoc, config: Config): TrainingSettings {
  const t: TrainingSettings = {};
  t.microBatchSize = number(doc, 'micro_batch_size') ?? assumed(1, 'no `micro_batch_size`: axolotl defaults to 1');
  t.sequenceLength = number(doc, 'sequence_len') ?? assumed(512, 'no `sequence_len`: axolotl defaults to 512 tokens');
  t.gradientAccumulationSteps = accumulationOf(doc, config);
  t.gradientCheckpointing = checkpointingOf(doc, config);
  const offload = activationOffloadOf(doc, config);
  if (offload) t.activationOffloading = offload;
  t.precision = precisionOf(doc, config);
  t.weightDtype = weightDtypeOf(doc, config);
  t.optimizer = sourced(doc, ['optimizer'], isString) ?? assumed('adamw_torch_fused', 'no `optimizer`: axolotl defaults to adamw_torch_fused');
  const quantization = quantizationOf(doc, config, t.weightDtype.value);
  if (quantization) t.quantization = quantization;
  const packing = at(doc, 'sample_packing');
  t.packing = packing ? derive(packing, truthy(packing.value)) : assumed(false, 'no `sample_packing`: one sample per row');
  const attention = attentionOf(doc, config);
  if (attention) t.attention = attention;
  const sharding = shardingOf(doc, config);
  if (sharding) t.sharding = sharding;
  const compile = at(doc, 'torch_compile');
  // axolotl 0.18 passes `torch_compile` to TrainingArguments; `auto` turns it on from torch 2.5.1, below the reference torch 2.11.
  if (compile) t.compile = derive(compile, truthy(compile.value), compile.value === 'auto' ? '`torch_compile: auto`: on (torch 2.5.1 or later)' : undefined);
  t.chunkedLoss = chunkedLossOf(doc, config);
  if (t.chunkedLoss.value && t.chunkedLoss.key === 'liger_fused_linear_cross_entropy') t.chunkedLossKind = derive(t.chunkedLoss, 'liger');
  const liger = ligerKernelsOf(doc, config);
  if (liger) t.ligerKernels = liger;
  t.loop = trainerLoop('axolotl 0.18');
  return t;
}

function number(doc: ConfigDoc, key: string): Sourced<number> | undefined {
  const v = at(doc, key);
  if (!v) return undefined;
  const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' ? Number(v.value) : NaN;
  return Number.isFinite(n) && n > 0 ? derive(v, n) : undefined;
}

function accumulationOf(doc: ConfigDoc, config: Config): Sourced<number> {
  const gas = number(doc, 'gradient_accumulation_steps');
  if (gas) return gas;
  const batch = number(doc, 'batch_size');
  const micro = Number(config.micro_batch_size) || 1;
  if (batch) return derive(batch, Math.max(1, Math.floor(batch.value / micro)), `batch_size ÷ micro_batch_size; axolotl divides by the number of GPUs as well`);
  return assumed(1, 'no `gradient_accumulation_steps`: axolotl defaults to 1');
}

function checkpointingOf(doc: ConfigDoc, config: Config): Sourced<boolean> {
  const gc = at(doc, 'gradient_checkpointing');
  if (gc && truthy(gc.value)) return derive(gc, true);
  const fsdpAc = at(doc, 'fsdp_config', 'activation_checkpointing') ?? at(doc, 'fsdp_config', 'fsdp_activation_checkpointing');
  if (fsdpAc && fsdpAc.value === true && truthy(config.fsdp_config)) return derive(fsdpAc, true, 'FSDP activation checkpointing');
  return gc ? derive(gc, false) : assumed(false, 'no `gradient_checkpointing`: axolotl keeps all activations');
}

function activationOffloadOf(doc: ConfigDoc, config: Config): Sourced<boolean> | undefined {
  const offload = at(doc, 'activation_offloading');
  if (offload) return derive(offload, truthy(offload.value));
  const gc = at(doc, 'gradient_checkpointing');
  if (gc && (config.gradient_checkpointing === 'offload' || config.gradient_checkpointing === 'offload_disk')) return derive(gc, true, `\`${String(gc.value)}\` turns on activation offloading`);
  return undefined;
}

function precisionOf(doc: ConfigDoc, config: Config): Sourced<Precision> {
  const pick: [string, unknown, Precision][] = [['bf16', true, 'bf16'], ['fp16', true, 'fp16'], ['bfloat16', true, 'bf16'], ['float16', true, 'fp16'], ['float32', true, 'fp32']];
  for (const [key, value, precision] of pick) if (config[key] === value) return derive(at(doc, key)!, precision);
  const bf16 = at(doc, 'bf16');
  if (bf16 && bf16.value === 'auto') return derive(bf16, 'bf16', '`bf16: auto` turns bf16 on when the GPU supports it (Ampere or newer)');
  if (bf16 && bf16.value === false) return derive(bf16, 'fp32', 'no mixed precision: bf16 and fp16 are off');
  return assumed('bf16', 'no `bf16`: axolotl defaults to `auto`, bf16 on GPUs that support it (Ampere or newer)');
}

/** axolotl loads the weights in bf16 when bf16 is on, fp16 for fp16 or 8-bit loading, else fp32. */
function weightDtypeOf(doc: ConfigDoc, config: Config): Sourced<Precision> {
  if (config.bfloat16 === true) return derive(at(doc, 'bfloat16')!, 'bf16');
  if (config.bf16 === true) return derive(at(doc, 'bf16')!, 'bf16');
  for (const key of ['fp16', 'float16']) if (truthy(config[key])) return derive(at(doc, key)!, 'fp16');
  if (config.bf16 === 'auto') return derive(at(doc, 'bf16')!, 'bf16', '`bf16: auto`: weights load in bf16 on GPUs that support it');
  if (config.bf16 === undefined) return assumed('bf16', 'bf16 defaults to `auto`: weights load in bf16 on GPUs that support it');
  if (truthy(config.load_in_8bit)) return derive(at(doc, 'load_in_8bit')!, 'fp16', 'without bf16, axolotl loads an 8-bit base with fp16 for the rest');
  return config.float32 === true ? derive(at(doc, 'float32')!, 'fp32') : assumed('fp32', 'neither bf16 nor fp16 is on: weights load in fp32');
}

function quantizationOf(doc: ConfigDoc, config: Config, computeDtype: Precision): Sourced<Quantization> | undefined {
  const kwargs = (config.bnb_config_kwargs ?? {}) as Config;
  if (config.load_in_4bit === true) {
    const type = kwargs.bnb_4bit_quant_type === 'fp4' ? 'fp4' : 'nf4';
    const doubleQuant = typeof kwargs.bnb_4bit_use_double_quant === 'boolean' ? kwargs.bnb_4bit_use_double_quant : true;
    const storage = typeof kwargs.bnb_4bit_quant_storage === 'string' ? { storage: kwargs.bnb_4bit_quant_storage } : {};
    return derive(at(doc, 'load_in_4bit')!, { bits: 4, type, doubleQuant, computeDtype, ...storage }, 'bitsandbytes 4-bit; axolotl defaults to NF4 with double quantisation unless `bnb_config_kwargs` says otherwise');
  }
  if (config.load_in_8bit === true) return derive(at(doc, 'load_in_8bit')!, { bits: 8 });
  if (config.gptq === true) return derive(at(doc, 'gptq')!, { bits: 4 }, 'GPTQ 4-bit checkpoint');
  const mqc = at(doc, 'model_quantization_config');
  if (mqc?.value === 'Mxfp4Config') return derive(mqc, { bits: 4 }, 'MXFP4 weights');
  if (mqc?.value === 'FineGrainedFP8Config') return derive(mqc, { bits: 8 }, 'FP8 weights');
  return undefined;
}

const PLAN_ATTENTION = new Set<string>(['sdpa', 'flash_attention_2', 'flash_attention_3', 'eager', 'flex_attention', 'xformers']);

function attentionOf(doc: ConfigDoc, config: Config): Sourced<AttentionImpl> | undefined {
  const impl = sourced(doc, ['attn_implementation'], isString);
  if (impl) {
    if (PLAN_ATTENTION.has(impl.value)) return impl as Sourced<AttentionImpl>;
    if (/flash-?attn-?3|flash_attn3/.test(impl.value)) return derive(impl, 'flash_attention_3', 'a Hub FlashAttention-3 kernel');
    if (/flash-?attn/.test(impl.value)) return derive(impl, 'flash_attention_2', 'a Hub FlashAttention kernel');
    return undefined;
  }
  // SageAttention has no place in the plan's vocabulary: the estimate is left to its default.
  if (config.sage_attention === true) return undefined;
  for (const [flag, impl] of LEGACY_ATTENTION_FLAGS) if (PLAN_ATTENTION.has(impl) && truthy(config[flag])) return derive(at(doc, flag)!, impl as AttentionImpl);
  return assumed('sdpa', 'no attention backend set: transformers uses sdpa');
}

function shardingOf(doc: ConfigDoc, config: Config): Sourced<Sharding> | undefined {
  const ds = at(doc, 'deepspeed');
  if (ds && truthy(ds.value)) return deepspeedSharding(ds);
  const fsdp = at(doc, 'fsdp_config') ?? at(doc, 'fsdp');
  if (fsdp && truthy(fsdp.value)) return fsdpOf(fsdp, config);
  return undefined;
}

function fsdpOf(source: Sourced<unknown>, config: Config): Sourced<Sharding> {
  const version = fsdpVersionOf(config) ?? '1';
  const list = Array.isArray(config.fsdp) ? config.fsdp.map(String) : [];
  const offload = fsdpOptionOf(config, 'offload_params') === true || list.includes('offload');
  let stage: 0 | 2 | 3 = 3;
  let note = 'FSDP1 without a sharding strategy in the `fsdp` list: full shard';
  if (version === '2') {
    stage = fsdpOptionOf(config, 'reshard_after_forward') === false ? 2 : 3;
    note = 'FSDP2: `reshard_after_forward` false keeps gathered weights (ZeRO-2 like), otherwise full shard';
  } else {
    const listed = list.find((o) => o in FSDP_STRATEGY_STAGE);
    if (listed) {
      stage = FSDP_STRATEGY_STAGE[listed];
      note = `FSDP1 \`${listed}\``;
    }
  }
  return derive(source, { kind: 'fsdp', stage, offloadParams: offload, offloadOptimizer: offload }, note);
}

/** axolotl 0.18's Liger plugin passes `liger_rms_norm` and `liger_glu_activation` to Liger's patch for the model type (both off unless set). */
function ligerKernelsOf(doc: ConfigDoc, config: Config): Sourced<LigerKernels> | undefined {
  const plugins = Array.isArray(config.plugins) ? config.plugins.map(String) : [];
  if (!plugins.some((p) => p.endsWith('LigerPlugin'))) return undefined;
  const rmsNorm = truthy(config.liger_rms_norm);
  const glu = truthy(config.liger_glu_activation);
  if (!rmsNorm && !glu) return undefined;
  return derive(at(doc, rmsNorm ? 'liger_rms_norm' : 'liger_glu_activation')!, { rmsNorm, glu });
}

function chunkedLossOf(doc: ConfigDoc, config: Config): Sourced<boolean> {
  const plugins = Array.isArray(config.plugins) ? config.plugins.map(String) : [];
  if (plugins.some((p) => p.endsWith('CutCrossEntropyPlugin')) && config.cut_cross_entropy !== false) {
    const explicit = at(doc, 'cut_cross_entropy');
    return explicit ? derive(explicit, true) : derive(at(doc, 'plugins')!, true, 'the Cut Cross Entropy plugin is on unless `cut_cross_entropy: false`');
  }
  if (plugins.some((p) => p.endsWith('LigerPlugin')) && truthy(config.liger_fused_linear_cross_entropy)) return derive(at(doc, 'liger_fused_linear_cross_entropy')!, true);
  if (truthy(config.chunked_cross_entropy)) return derive(at(doc, 'chunked_cross_entropy')!, true);
  return assumed(false, 'no chunked or fused cross-entropy: the full logits are materialised');
}
