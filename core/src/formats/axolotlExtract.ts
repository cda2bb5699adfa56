/**
 * An axolotl config as a TrainingPlan: the PEFT LoraConfig axolotl builds from its keys
 * (`loaders/adapter.py`), and the training settings that drive memory, each with its span or the
 * default axolotl would use.
 */
import type { ConfigDoc } from '../document';
import type { Path } from '../parse/tree';
import { toValue } from '../parse/tree';
import type { AttentionImpl, Precision, Quantization, Sharding, Sourced, TrainingPlan, TrainingSettings } from '../plan';
import { assumed, isString, sourced } from './extractHelpers';

type Config = Record<string, unknown>;

const present = (v: unknown) => v !== undefined && v !== null;
const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'object' && v !== null ? Object.keys(v).length > 0 : !!v);
const any = (v: unknown): v is unknown => present(v);

/** The value at `path` with its span, whatever its type, or undefined when absent or null. */
function at(doc: ConfigDoc, ...path: Path): Sourced<unknown> | undefined {
  return sourced(doc, path, any);
}

/** A value computed from a key: keeps that key's span. */
function from<T>(source: Sourced<unknown>, value: T, note?: string): Sourced<T> {
  return { value, key: source.key, span: source.span, ...(note ? { assumed: note } : {}) };
}

export function extractAxolotl(doc: ConfigDoc): TrainingPlan {
  const config = (doc.root?.kind === 'map' ? toValue(doc.root) : {}) as Config;
  const plan: TrainingPlan = { format: 'axolotl', model: sourced(doc, ['base_model'], isString), method: methodOf(doc, config), training: trainingOf(doc, config) };
  const peft = peftOf(doc, config);
  if (peft) {
    plan.peft = Object.fromEntries(Object.entries(peft.sources).map(([k, s]) => [k, s.value]));
    plan.peftSources = peft.sources;
    if (peft.extra) plan.extra = peft.extra;
  }
  return plan;
}

function methodOf(doc: ConfigDoc, config: Config): Sourced<string> {
  const adapter = sourced(doc, ['adapter'], isString);
  if (!adapter) return assumed('full', 'no `adapter`: axolotl fine-tunes every weight');
  if (adapter.value === 'lora' && config.load_in_4bit === true) return from(adapter, 'qlora', 'LoRA on a base loaded with `load_in_4bit: true` is QLoRA');
  if (adapter.value === 'llama-adapter') return from(adapter, 'adaption_prompt');
  return adapter;
}

interface PeftResult {
  sources: Record<string, Sourced<unknown>>;
  extra?: Record<string, Sourced<unknown>>;
}

function peftOf(doc: ConfigDoc, config: Config): PeftResult | undefined {
  const adapter = sourced(doc, ['adapter'], isString);
  if (!adapter) return undefined;
  if (adapter.value === 'llama-adapter') {
    return { sources: { peft_type: from(adapter, 'ADAPTION_PROMPT'), task_type: assumed('CAUSAL_LM', 'axolotl builds llama-adapter for causal LM') } };
  }
  if (adapter.value !== 'lora' && adapter.value !== 'qlora') return undefined;
  const s: Record<string, Sourced<unknown>> = { peft_type: from(adapter, 'LORA'), task_type: taskType(doc, config) };
  const copy = (peftKey: string, axolotlKey: string, keep: (v: unknown) => boolean = present) => {
    const v = at(doc, axolotlKey);
    if (v && keep(v.value)) s[peftKey] = v;
  };
  copy('r', 'lora_r');
  copy('lora_alpha', 'lora_alpha');
  s.lora_dropout = at(doc, 'lora_dropout') ?? assumed(0.0, 'no `lora_dropout`: axolotl uses 0.0 with an adapter');
  const targets = targetsOf(doc, config);
  Object.assign(s, targets.sources);
  copy('target_parameters', 'lora_target_parameters', truthy);
  copy('layers_to_transform', 'peft_layers_to_transform');
  copy('layers_pattern', 'peft_layers_pattern');
  copy('fan_in_fan_out', 'lora_fan_in_fan_out');
  copy('modules_to_save', 'lora_modules_to_save', truthy);
  s.bias = assumed('none', 'axolotl always trains LoRA without biases');
  Object.assign(s, initOf(doc, config));
  copy('use_dora', 'peft_use_dora', truthy);
  copy('use_rslora', 'peft_use_rslora', truthy);
  copy('rank_pattern', 'lora_rank_pattern', truthy);
  copy('alpha_pattern', 'lora_alpha_pattern', truthy);
  copy('layer_replication', 'peft_layer_replication', truthy);
  copy('trainable_token_indices', 'peft_trainable_token_indices', truthy);
  copy('ensure_weight_tying', 'peft_ensure_weight_tying');
  return { sources: s, extra: targets.extra };
}

function taskType(doc: ConfigDoc, config: Config): Sourced<string> {
  const modelType = at(doc, 'model_type') ?? at(doc, 'type_of_model');
  const name = String(modelType?.value ?? '');
  if (name.includes('SequenceClassification')) return from(modelType!, 'SEQ_CLS');
  if (name.includes('TokenClassification')) return from(modelType!, 'TOKEN_CLS');
  if (config.reward_model === true) return from(at(doc, 'reward_model')!, 'SEQ_CLS', 'a reward model is a sequence classifier');
  if (config.process_reward_model === true) return from(at(doc, 'process_reward_model')!, 'TOKEN_CLS', 'a process reward model is a token classifier');
  return assumed('CAUSAL_LM', 'axolotl uses CAUSAL_LM unless the model class is a sequence or token classifier');
}

/**
 * `lora_target_linear: true` makes axolotl add the names of every linear layer except the output
 * head — what PEFT's `"all-linear"` selects — to `lora_target_modules`. Names listed as well are kept
 * in `extra.additional_target_modules`; a regex string is wrapped into a list by axolotl and then
 * matches no module name, so it is dropped.
 */
function targetsOf(doc: ConfigDoc, config: Config): { sources: Record<string, Sourced<unknown>>; extra?: Record<string, Sourced<unknown>> } {
  const listed = at(doc, 'lora_target_modules');
  const linear = at(doc, 'lora_target_linear');
  if (!linear || config.lora_target_linear !== true) {
    return { sources: listed && truthy(listed.value) ? { target_modules: listed } : {} };
  }
  const note = 'axolotl adds every linear layer except the output head (PEFT "all-linear")';
  const sources = { target_modules: from(linear, 'all-linear', note) };
  if (listed && Array.isArray(listed.value) && listed.value.length > 0) {
    return { sources, extra: { additional_target_modules: listed } };
  }
  return { sources };
}

function initOf(doc: ConfigDoc, config: Config): Record<string, Sourced<unknown>> {
  const bits = at(doc, 'peft', 'loftq_config', 'loftq_bits');
  const loftq = at(doc, 'peft', 'loftq_config');
  if (loftq) {
    const loftqBits = bits?.value ?? 4;
    return { init_lora_weights: from(loftq, 'loftq'), loftq_config: from(bits ?? loftq, { loftq_bits: loftqBits }) };
  }
  const init = at(doc, 'peft_init_lora_weights');
  // axolotl forwards the init scheme only when it is truthy, so `false` keeps PEFT's default.
  return init && truthy(config.peft_init_lora_weights) ? { init_lora_weights: init } : {};
}

function trainingOf(doc: ConfigDoc, config: Config): TrainingSettings {
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
  t.packing = packing ? from(packing, truthy(packing.value)) : assumed(false, 'no `sample_packing`: one sample per row');
  const attention = attentionOf(doc, config);
  if (attention) t.attention = attention;
  const sharding = shardingOf(doc, config);
  if (sharding) t.sharding = sharding;
  t.chunkedLoss = chunkedLossOf(doc, config);
  return t;
}

function number(doc: ConfigDoc, key: string): Sourced<number> | undefined {
  const v = at(doc, key);
  if (!v) return undefined;
  const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' ? Number(v.value) : NaN;
  return Number.isFinite(n) && n > 0 ? from(v, n) : undefined;
}

function accumulationOf(doc: ConfigDoc, config: Config): Sourced<number> {
  const gas = number(doc, 'gradient_accumulation_steps');
  if (gas) return gas;
  const batch = number(doc, 'batch_size');
  const micro = Number(config.micro_batch_size) || 1;
  if (batch) return from(batch, Math.max(1, Math.floor(batch.value / micro)), `batch_size ÷ micro_batch_size; axolotl divides by the number of GPUs as well`);
  return assumed(1, 'no `gradient_accumulation_steps`: axolotl defaults to 1');
}

function checkpointingOf(doc: ConfigDoc, config: Config): Sourced<boolean> {
  const gc = at(doc, 'gradient_checkpointing');
  if (gc && truthy(gc.value)) return from(gc, true);
  const fsdpAc = at(doc, 'fsdp_config', 'activation_checkpointing') ?? at(doc, 'fsdp_config', 'fsdp_activation_checkpointing');
  if (fsdpAc && fsdpAc.value === true && truthy(config.fsdp_config)) return from(fsdpAc, true, 'FSDP activation checkpointing');
  return gc ? from(gc, false) : assumed(false, 'no `gradient_checkpointing`: axolotl keeps all activations');
}

function activationOffloadOf(doc: ConfigDoc, config: Config): Sourced<boolean> | undefined {
  const offload = at(doc, 'activation_offloading');
  if (offload) return from(offload, truthy(offload.value));
  const gc = at(doc, 'gradient_checkpointing');
  if (gc && (config.gradient_checkpointing === 'offload' || config.gradient_checkpointing === 'offload_disk')) return from(gc, true, `\`${String(gc.value)}\` turns on activation offloading`);
  return undefined;
}

function precisionOf(doc: ConfigDoc, config: Config): Sourced<Precision> {
  const pick: [string, unknown, Precision][] = [['bf16', true, 'bf16'], ['fp16', true, 'fp16'], ['bfloat16', true, 'bf16'], ['float16', true, 'fp16'], ['float32', true, 'fp32']];
  for (const [key, value, precision] of pick) if (config[key] === value) return from(at(doc, key)!, precision);
  const bf16 = at(doc, 'bf16');
  if (bf16 && bf16.value === 'auto') return from(bf16, 'bf16', '`bf16: auto` turns bf16 on when the GPU supports it (Ampere or newer)');
  if (bf16 && bf16.value === false) return from(bf16, 'fp32', 'no mixed precision: bf16 and fp16 are off');
  return assumed('bf16', 'no `bf16`: axolotl defaults to `auto`, bf16 on GPUs that support it (Ampere or newer)');
}

/** axolotl loads the weights in bf16 when bf16 is on, fp16 for fp16 or 8-bit loading, else fp32. */
function weightDtypeOf(doc: ConfigDoc, config: Config): Sourced<Precision> {
  if (config.bfloat16 === true) return from(at(doc, 'bfloat16')!, 'bf16');
  if (config.bf16 === true) return from(at(doc, 'bf16')!, 'bf16');
  for (const key of ['fp16', 'float16']) if (truthy(config[key])) return from(at(doc, key)!, 'fp16');
  if (config.bf16 === 'auto') return from(at(doc, 'bf16')!, 'bf16', '`bf16: auto`: weights load in bf16 on GPUs that support it');
  if (config.bf16 === undefined) return assumed('bf16', 'bf16 defaults to `auto`: weights load in bf16 on GPUs that support it');
  if (truthy(config.load_in_8bit)) return from(at(doc, 'load_in_8bit')!, 'fp16', 'without bf16, axolotl loads an 8-bit base with fp16 for the rest');
  return config.float32 === true ? from(at(doc, 'float32')!, 'fp32') : assumed('fp32', 'neither bf16 nor fp16 is on: weights load in fp32');
}

function quantizationOf(doc: ConfigDoc, config: Config, computeDtype: Precision): Sourced<Quantization> | undefined {
  const kwargs = (config.bnb_config_kwargs ?? {}) as Config;
  if (config.load_in_4bit === true) {
    const type = kwargs.bnb_4bit_quant_type === 'fp4' ? 'fp4' : 'nf4';
    const doubleQuant = typeof kwargs.bnb_4bit_use_double_quant === 'boolean' ? kwargs.bnb_4bit_use_double_quant : true;
    return from(at(doc, 'load_in_4bit')!, { bits: 4, type, doubleQuant, computeDtype }, 'bitsandbytes 4-bit; axolotl defaults to NF4 with double quantisation unless `bnb_config_kwargs` says otherwise');
  }
  if (config.load_in_8bit === true) return from(at(doc, 'load_in_8bit')!, { bits: 8 });
  if (config.gptq === true) return from(at(doc, 'gptq')!, { bits: 4 }, 'GPTQ 4-bit checkpoint');
  const mqc = at(doc, 'model_quantization_config');
  if (mqc?.value === 'Mxfp4Config') return from(mqc, { bits: 4 }, 'MXFP4 weights');
  if (mqc?.value === 'FineGrainedFP8Config') return from(mqc, { bits: 8 }, 'FP8 weights');
  return undefined;
}

const LEGACY_FLAGS: [string, AttentionImpl][] = [['xformers_attention', 'xformers'], ['flex_attention', 'flex_attention'], ['flash_attention', 'flash_attention_2'], ['sdp_attention', 'sdpa'], ['eager_attention', 'eager']];
const PLAN_ATTENTION = new Set<string>(['sdpa', 'flash_attention_2', 'flash_attention_3', 'eager', 'flex_attention', 'xformers']);

function attentionOf(doc: ConfigDoc, config: Config): Sourced<AttentionImpl> | undefined {
  const impl = sourced(doc, ['attn_implementation'], isString);
  if (impl) {
    if (PLAN_ATTENTION.has(impl.value)) return impl as Sourced<AttentionImpl>;
    if (/flash-?attn-?3|flash_attn3/.test(impl.value)) return from(impl, 'flash_attention_3', 'a Hub FlashAttention-3 kernel');
    if (/flash-?attn/.test(impl.value)) return from(impl, 'flash_attention_2', 'a Hub FlashAttention kernel');
    return undefined;
  }
  if (config.sage_attention === true) return undefined;
  for (const [flag, mapped] of LEGACY_FLAGS) if (truthy(config[flag])) return from(at(doc, flag)!, mapped);
  return assumed('sdpa', 'no attention backend set: transformers uses sdpa');
}

function shardingOf(doc: ConfigDoc, config: Config): Sourced<Sharding> | undefined {
  const ds = at(doc, 'deepspeed');
  if (ds && truthy(ds.value)) return deepspeedOf(ds);
  const fsdp = at(doc, 'fsdp_config') ?? at(doc, 'fsdp');
  if (fsdp && truthy(fsdp.value)) return fsdpOf(fsdp, config);
  return undefined;
}

function deepspeedOf(ds: Sourced<unknown>): Sourced<Sharding> | undefined {
  if (typeof ds.value === 'string') {
    const name = ds.value.split(/[\\/]/).pop() ?? ds.value;
    const stage = /zero[_-]?([0-3])/i.exec(name)?.[1];
    const all = /offload_?all/i.test(name);
    const params = all || /offload_?param/i.test(name);
    const sharding: Sharding = { kind: 'deepspeed', ...(stage ? { stage: Number(stage) as 0 | 1 | 2 | 3 } : {}), ...(params ? { offloadParams: true } : {}), ...(all ? { offloadOptimizer: true } : {}) };
    return from(ds, sharding, stage ? `ZeRO stage ${stage} read from the file name; the JSON file itself is not read` : 'DeepSpeed config file not read: ZeRO stage unknown');
  }
  const zero = ((ds.value as Config).zero_optimization ?? {}) as Config;
  const stage = Number(zero.stage);
  const device = (k: string) => ((zero[k] ?? {}) as Config).device === 'cpu';
  const sharding: Sharding = { kind: 'deepspeed', ...([0, 1, 2, 3].includes(stage) ? { stage: stage as 0 | 1 | 2 | 3 } : {}), offloadParams: device('offload_param'), offloadOptimizer: device('offload_optimizer') };
  return from(ds, sharding);
}

const FSDP1_STAGES: Record<string, 0 | 2 | 3> = { full_shard: 3, hybrid_shard: 3, shard_grad_op: 2, hybrid_shard_zero2: 2, no_shard: 0 };

function fsdpOf(source: Sourced<unknown>, config: Config): Sourced<Sharding> {
  const fc = (config.fsdp_config ?? {}) as Config;
  const option = (name: string) => fc[name] ?? fc[`fsdp_${name}`];
  const version = String(config.fsdp_version ?? fc.fsdp_version ?? fc.version ?? '1');
  const list = Array.isArray(config.fsdp) ? config.fsdp.map(String) : [];
  const offload = option('offload_params') === true || list.includes('offload');
  let stage: 0 | 2 | 3 = 3;
  let note = 'FSDP1 without a sharding strategy in the `fsdp` list: full shard';
  if (version === '2') {
    stage = option('reshard_after_forward') === false ? 2 : 3;
    note = 'FSDP2: `reshard_after_forward` false keeps gathered weights (ZeRO-2 like), otherwise full shard';
  } else {
    const listed = list.find((o) => o in FSDP1_STAGES);
    if (listed) {
      stage = FSDP1_STAGES[listed];
      note = `FSDP1 \`${listed}\``;
    }
  }
  return from(source, { kind: 'fsdp', stage, offloadParams: offload, offloadOptimizer: offload }, note);
}

function chunkedLossOf(doc: ConfigDoc, config: Config): Sourced<boolean> {
  const plugins = Array.isArray(config.plugins) ? config.plugins.map(String) : [];
  if (plugins.some((p) => p.endsWith('CutCrossEntropyPlugin')) && config.cut_cross_entropy !== false) {
    const explicit = at(doc, 'cut_cross_entropy');
    return explicit ? from(explicit, true) : from(at(doc, 'plugins')!, true, 'the Cut Cross Entropy plugin is on unless `cut_cross_entropy: false`');
  }
  if (plugins.some((p) => p.endsWith('LigerPlugin')) && truthy(config.liger_fused_linear_cross_entropy)) return from(at(doc, 'liger_fused_linear_cross_entropy')!, true);
  if (truthy(config.chunked_cross_entropy)) return from(at(doc, 'chunked_cross_entropy')!, true);
  return assumed(false, 'no chunked or fused cross-entropy: the full logits are materialised');
}
