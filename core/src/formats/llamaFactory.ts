/**
 * LLaMA-Factory YAML (`llamafactory-cli train|chat|export config.yaml`), in its v0 and v1 (plugin) layouts.
 * `extract` turns the config into the PEFT config LLaMA-Factory builds (model/adapter.py) and the settings
 * that drive memory, each with its key and span, or the default LLaMA-Factory would use.
 */
import schemaV0 from '../../../schemas/llamafactory.schema.json';
import schemaV1 from '../../../schemas/llamafactory-v1.schema.json';
import type { ConfigDoc } from '../document';
import type { AttentionImpl, Precision, Quantization, Sharding, Sourced, TrainingPlan, TrainingSettings } from '../plan';
import { llamaFactoryRules } from '../rules/llamafactory';
import { isV1, lfSchema } from '../rules/llamafactory/layout';
import type { JsonSchema } from '../schema/types';
import { assumed } from './extractHelpers';
import { deepspeedSharding, derive, FlatConfig, fsdpSharding, toBool, toList, toNumber, toStr } from './hfArgs';
import type { FormatModule } from './types';

const TOOL = 'LLaMA-Factory';
const V0 = (schemaV0 as JsonSchema).properties ?? {};
const V1 = (schemaV1 as JsonSchema).properties ?? {};
const blockProps = (block: string) => V1[block]?.properties ?? {};

export const llamaFactory: FormatModule = {
  id: 'llamafactory',
  label: TOOL,
  validation: {
    tool: TOOL,
    unknownKeyEffect: 'LLaMA-Factory refuses to start on keys no argument class declares',
    unknownKeySeverity: 'error',
    typeSeverity: 'error',
    // OmegaConf reads unquoted `1e-4` as a float where PyYAML keeps a string; quoted numbers are
    // checked by the `llamafactory/number-as-string` rule.
    lenient: { numericStrings: true },
  },
  schema: lfSchema,
  rules: llamaFactoryRules,
  // OmegaConf refuses a mapping that repeats a key, where PyYAML would keep the last value.
  duplicateKeys: {
    severity: 'error',
    message: (key) => `\`${key}\` appears twice in this mapping. LLaMA-Factory loads configs with OmegaConf, which stops with "found duplicate key" instead of keeping the last value. Remove one of them.`,
  },
  extract: (doc) => (isV1(doc) ? extractV1(doc) : extractV0(doc)),
};

/** Collects PEFT keys with their sources into the plan's `peft` and `peftSources`. */
function peftOf(fixed: Record<string, unknown>, sources: Record<string, Sourced<unknown> | undefined>): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const peftSources = Object.fromEntries(Object.entries(sources).filter((e): e is [string, Sourced<unknown>] => e[1] !== undefined));
  const peft = { ...fixed, ...Object.fromEntries(Object.entries(peftSources).map(([k, s]) => [k, s.value])) };
  return { peft, peftSources };
}

/** `all` means every linear layer but the output head, which PEFT spells `all-linear`. */
function targets(c: FlatConfig, key: string): Sourced<string | string[]> | undefined {
  const t = c.value(key, toList);
  if (!t) return undefined;
  if (t.value.length === 1 && t.value[0] === 'all') return derive(t, 'all-linear', `${t.assumed ? `no \`${t.key ?? key}\`: ` : ''}LLaMA-Factory's \`all\` adapts every linear layer except the output head (PEFT \`all-linear\`)`);
  return t;
}

// ---- v0 (flat) layout -------------------------------------------------------------------------

function extractV0(doc: ConfigDoc): TrainingPlan {
  const c = new FlatConfig(doc, V0, TOOL);
  const ft = c.value('finetuning_type', toStr) ?? assumed('lora', 'LLaMA-Factory defaults to lora');
  const plan: TrainingPlan = { format: 'llamafactory', model: c.get('model_name_or_path', toStr), method: v0Method(c, ft), training: v0Training(c) };
  if (ft.value === 'lora') Object.assign(plan, loraV0(c));
  if (ft.value === 'oft') Object.assign(plan, oftV0(c));
  plan.extra = v0Extra(c, ft.value);
  return plan;
}

function v0Method(c: FlatConfig, ft: Sourced<string>): Sourced<string> {
  if (ft.value !== 'lora' || c.get('quantization_bit', toNumber)?.value !== 4) return ft;
  return ft.assumed ? { ...c.get('quantization_bit', toNumber)!, value: 'qlora', assumed: 'no `finetuning_type` (LLaMA-Factory defaults to lora) on a 4-bit base: QLoRA' } : derive(ft, 'qlora');
}

function loraV0(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const r = c.value('lora_rank', toNumber);
  const pissa = c.get('pissa_init', toBool);
  const iter = c.value('pissa_iter', toNumber)?.value ?? 16;
  return peftOf({ peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none' }, {
    r,
    lora_alpha: c.get('lora_alpha', toNumber) ?? (r ? assumed(r.value * 2, `no \`lora_alpha\`: LLaMA-Factory uses 2 × lora_rank = ${r.value * 2}`) : undefined),
    lora_dropout: c.value('lora_dropout', toNumber),
    target_modules: targets(c, 'lora_target'),
    modules_to_save: c.get('additional_target', toList) ?? resizedEmbeddings(c),
    use_rslora: c.value('use_rslora', toBool),
    use_dora: c.value('use_dora', toBool),
    init_lora_weights: pissa?.value ? derive(pissa, iter === -1 ? 'pissa' : `pissa_niter_${iter}`) : undefined,
  });
}

/** With `resize_vocab` and no `additional_target`, LLaMA-Factory trains the (resized) embeddings fully. */
function resizedEmbeddings(c: FlatConfig): Sourced<string[]> | undefined {
  const resize = c.get('resize_vocab', toBool);
  return resize?.value ? derive(resize, ['embed_tokens', 'lm_head'], '`resize_vocab` without `additional_target`: LLaMA-Factory trains the input and output embeddings (their names depend on the model)') : undefined;
}

function oftV0(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  return peftOf({ peft_type: 'OFT', task_type: 'CAUSAL_LM' }, {
    r: c.value('oft_rank', toNumber),
    oft_block_size: c.value('oft_block_size', toNumber),
    target_modules: targets(c, 'oft_target'),
    module_dropout: c.value('module_dropout', toNumber),
    modules_to_save: c.get('additional_target', toList),
  });
}

/** Trainable selections outside PEFT: freeze tuning, LLaMA Pro, and the multimodal towers. */
function v0Extra(c: FlatConfig, method: string): Record<string, Sourced<unknown>> {
  const keys: [string, typeof toNumber | typeof toList | typeof toBool][] = [];
  const llamaPro = c.get('use_llama_pro', toBool)?.value === true;
  if (method === 'freeze' || llamaPro) keys.push(['freeze_trainable_layers', toNumber]);
  if (method === 'freeze') keys.push(['freeze_trainable_modules', toList], ['freeze_extra_modules', toList]);
  if (llamaPro) keys.push(['use_llama_pro', toBool]);
  keys.push(['freeze_vision_tower', toBool], ['freeze_multi_modal_projector', toBool], ['freeze_language_model', toBool]);
  const extra: Record<string, Sourced<unknown>> = {};
  for (const [key, convert] of keys) {
    const s = c.value(key, convert as (v: unknown) => unknown);
    if (s) extra[key] = s;
  }
  return extra;
}

function v0Training(c: FlatConfig): TrainingSettings {
  const precision = v0Precision(c);
  return {
    microBatchSize: c.value('per_device_train_batch_size', toNumber),
    sequenceLength: c.value('cutoff_len', toNumber),
    gradientAccumulationSteps: c.value('gradient_accumulation_steps', toNumber),
    gradientCheckpointing: v0Checkpointing(c),
    precision,
    weightDtype: precision.value === 'fp32' ? assumed('fp32', 'no `bf16`/`fp16`: LLaMA-Factory loads the weights in fp32') : precision,
    optimizer: v0Optimizer(c),
    quantization: v0Quantization(c, precision.value),
    packing: v0Packing(c),
    attention: v0Attention(c),
    sharding: v0Sharding(c),
    chunkedLoss: c.get('enable_liger_kernel', toBool) ?? assumed(false, 'no `enable_liger_kernel`: the full logits are materialised'),
  };
}

function v0Precision(c: FlatConfig): Sourced<Precision> {
  const flags = (['pure_bf16', 'bf16', 'fp16'] as const).map((key) => [key, c.get(key, toBool)] as const);
  for (const [key, s] of flags) if (s?.value) return derive(s, key === 'fp16' ? 'fp16' : 'bf16');
  const off = flags.find(([, s]) => s)?.[1];
  return off ? derive(off, 'fp32') : assumed('fp32', 'no `bf16`, `fp16` or `pure_bf16`: training runs in fp32');
}

function v0Checkpointing(c: FlatConfig): Sourced<boolean> {
  const disable = c.get('disable_gradient_checkpointing', toBool);
  const explicit = c.get('gradient_checkpointing', toBool);
  if (explicit?.value) return explicit;
  if (disable) return derive(disable, !disable.value);
  return assumed(true, 'LLaMA-Factory enables gradient checkpointing unless `disable_gradient_checkpointing: true`');
}

/** LLaMA-Factory's own optimizers replace `optim`; GaLore keeps its base optimizer's flavour. */
function v0Optimizer(c: FlatConfig): Sourced<string> {
  const optim = c.get('optim', toStr);
  const galoreBase = /8bit/.test(optim?.value ?? '') ? 'galore_adamw_8bit' : optim?.value === 'adafactor' ? 'galore_adafactor' : 'galore_adamw';
  const own: [string, string][] = [['use_adam_mini', 'adam_mini'], ['use_muon', 'muon'], ['use_galore', galoreBase], ['use_apollo', 'apollo_adamw'], ['use_badam', 'badam']];
  for (const [key, name] of own) {
    const s = c.get(key, toBool);
    if (s?.value) return derive(s, name);
  }
  return optim ?? assumed('adamw_torch_fused', "no `optim`: transformers' fused AdamW (`adamw_torch` before torch 2.8; same memory)");
}

function v0Quantization(c: FlatConfig, computeDtype: Precision): Sourced<Quantization> | undefined {
  const bits = c.get('quantization_bit', toNumber);
  if (!bits || (bits.value !== 4 && bits.value !== 8)) return undefined;
  if (bits.value === 8) return derive(bits, { bits: 8, computeDtype });
  const type = c.value('quantization_type', toStr)?.value === 'fp4' ? 'fp4' : 'nf4';
  return derive(bits, { bits: 4, type, doubleQuant: c.value('double_quantization', toBool)?.value ?? true, computeDtype });
}

function v0Packing(c: FlatConfig): Sourced<boolean> {
  const packing = c.get('packing', toBool);
  if (packing) return packing;
  const neat = c.get('neat_packing', toBool);
  if (neat?.value) return neat;
  const stage = c.value('stage', toStr);
  return assumed(stage?.value === 'pt', `no \`packing\`: LLaMA-Factory packs only for \`stage: pt\` (here \`${stage?.value ?? 'sft'}\`)`);
}

const LF_ATTENTION: Record<string, AttentionImpl> = { fa2: 'flash_attention_2', fa3: 'flash_attention_3', sdpa: 'sdpa', disabled: 'eager' };

function v0Attention(c: FlatConfig): Sourced<AttentionImpl> {
  const fa = c.value('flash_attn', toStr) ?? assumed('auto', 'LLaMA-Factory defaults to auto');
  const impl = LF_ATTENTION[fa.value];
  if (impl) return derive(fa, impl);
  return derive(fa, 'sdpa', '`flash_attn: auto`: FlashAttention 2 when installed, otherwise SDPA (both avoid the full attention matrix)');
}

function v0Sharding(c: FlatConfig): Sourced<Sharding> | undefined {
  const ds = c.get('deepspeed', (v) => (v === null ? undefined : v));
  if (ds) return deepspeedSharding(ds);
  const fsdp = c.get('fsdp', (v) => (v === null || v === false ? undefined : v));
  return fsdp ? fsdpSharding(fsdp) : undefined;
}

// ---- v1 (plugin) layout -----------------------------------------------------------------------

function extractV1(doc: ConfigDoc): TrainingPlan {
  const c = new FlatConfig(doc, V1, TOOL);
  const peft = new FlatConfig(doc, blockProps('peft_config'), TOOL, ['peft_config']);
  const quant = v1Quantization(doc);
  const name = peft.get('name', toStr);
  const plan: TrainingPlan = {
    format: 'llamafactory',
    model: c.value('model', toStr),
    method: v1Method(name, quant),
    training: v1Training(c, quant),
  };
  if (name?.value === 'lora') {
    Object.assign(plan, peftOf({ peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none' }, {
      r: peft.value('r', toNumber),
      lora_alpha: peft.value('lora_alpha', toNumber),
      lora_dropout: peft.value('lora_dropout', toNumber),
      target_modules: targets(peft, 'target_modules'),
      modules_to_save: peft.get('modules_to_save', toList),
      use_rslora: peft.value('use_rslora', toBool),
      use_dora: peft.value('use_dora', toBool),
    }));
  }
  if (name?.value === 'freeze') {
    const extra: Record<string, Sourced<unknown>> = {};
    for (const [key, convert] of [['freeze_trainable_layers', toNumber], ['freeze_trainable_modules', toList], ['freeze_extra_modules', toList]] as const) {
      const s = peft.value(key, convert as (v: unknown) => unknown);
      if (s) extra[key] = s;
    }
    plan.extra = extra;
  }
  return plan;
}

function v1Method(name: Sourced<string> | undefined, quant: Sourced<Quantization> | undefined): Sourced<string> {
  if (!name) return assumed('full', 'no `peft_config`: every weight trains');
  return name.value === 'lora' && quant?.value.bits === 4 ? derive(name, 'qlora') : name;
}

function v1Quantization(doc: ConfigDoc): Sourced<Quantization> | undefined {
  const q = new FlatConfig(doc, blockProps('quant_config'), TOOL, ['quant_config']);
  const bits = q.get('quantization_bit', toNumber);
  if (!bits || (bits.value !== 4 && bits.value !== 8)) return undefined;
  const dtype = q.value('compute_dtype', toStr)?.value ?? 'float16';
  const computeDtype: Precision = /bf|bfloat/.test(dtype) ? 'bf16' : /32/.test(dtype) ? 'fp32' : 'fp16';
  if (bits.value === 8) return derive(bits, { bits: 8, computeDtype });
  const type = q.value('quantization_type', toStr)?.value === 'fp4' ? 'fp4' : 'nf4';
  return derive(bits, { bits: 4, type, doubleQuant: q.value('double_quantization', toBool)?.value ?? true, computeDtype });
}

function v1Training(c: FlatConfig, quantization: Sourced<Quantization> | undefined): TrainingSettings {
  const bf16 = c.value('bf16', toBool);
  const precision: Sourced<Precision> | undefined = bf16 ? derive(bf16, bf16.value ? 'bf16' : 'fp32') : undefined;
  const batching = c.value('batching_strategy', toStr);
  const kernels = c.get(['kernel_config', 'name'], toStr);
  const optim = c.get(['optim_config', 'name'], toStr);
  return {
    microBatchSize: c.value('micro_batch_size', toNumber),
    sequenceLength: c.value('cutoff_len', toNumber),
    gradientCheckpointing: c.value('enable_activation_checkpointing', toBool),
    precision,
    weightDtype: precision,
    optimizer: optim ?? assumed('adamw_torch', 'no `optim_config`: AdamW'),
    quantization,
    packing: batching ? derive(batching, /padding_free/.test(batching.value)) : undefined,
    attention: v1Attention(c),
    sharding: v1Sharding(c),
    chunkedLoss: kernels ? derive(kernels, /liger/.test(kernels.value)) : assumed(false, 'no `kernel_config`: the full logits are materialised'),
  };
}

function v1Attention(c: FlatConfig): Sourced<AttentionImpl> | undefined {
  const fa = c.get('flash_attn', toStr);
  if (!fa) return undefined;
  const known: AttentionImpl[] = ['sdpa', 'flash_attention_2', 'flash_attention_3', 'eager', 'flex_attention'];
  return known.includes(fa.value as AttentionImpl) ? (fa as Sourced<AttentionImpl>) : undefined;
}

function v1Sharding(c: FlatConfig): Sourced<Sharding> | undefined {
  const name = c.get(['dist_config', 'name'], toStr);
  if (!name) return undefined;
  if (name.value === 'deepspeed') {
    const file = c.get(['dist_config', 'config_file'], toStr);
    return file ? deepspeedSharding(file) : derive(name, { kind: 'deepspeed' }, 'no `dist_config.config_file`: the ZeRO stage is unknown');
  }
  if (/fsdp/.test(name.value)) return derive(name, { kind: 'fsdp', stage: 3 }, `\`${name.value}\` shards parameters, gradients and optimizer states (full sharding)`);
  return undefined;
}
