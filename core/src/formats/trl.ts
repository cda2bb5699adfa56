/**
 * TRL command-line configs (`trl sft|dpo|grpo|... --config file.yaml`). `extract` follows trl/scripts:
 * `use_peft` builds a LoraConfig from the `lora_*` keys (get_peft_config), `load_in_4bit/8bit` a
 * BitsAndBytesConfig, and the trainer config supplies batch, length and memory settings.
 */
import schema from '../../../schemas/trl.schema.json';
import type { ConfigDoc } from '../document';
import type { AttentionImpl, Precision, Quantization, Sharding, Sourced, TrainingPlan, TrainingSettings } from '../plan';
import { trlRules } from '../rules/trl';
import type { JsonSchema } from '../schema/types';
import { assumed } from './extractHelpers';
import { deepspeedSharding, derive, FlatConfig, fsdpSharding, toBool, toList, toNumber, toStr } from './hfArgs';
import type { FormatModule } from './types';

const PROPS = (schema as JsonSchema).properties ?? {};

export const trl: FormatModule = {
  id: 'trl',
  label: 'TRL',
  validation: {
    tool: 'TRL',
    unknownKeyEffect: 'the `trl` CLI passes keys it does not declare to `accelerate launch`, which rejects options it does not know (scripts that parse with TrlParser and `fail_with_unknown_args=False` ignore them)',
    unknownKeySeverity: 'warning',
    typeSeverity: 'error',
    // YAML values become argparse defaults, and argparse converts string defaults with the option's type.
    lenient: { numericStrings: true, booleanStrings: true },
  },
  schema: () => schema as JsonSchema,
  rules: trlRules,
  extract(doc: ConfigDoc): TrainingPlan {
    const c = new FlatConfig(doc, PROPS, 'TRL');
    const usePeft = c.get('use_peft', toBool);
    const weightDtype = trlWeightDtype(c);
    const quantization = trlQuantization(c, weightDtype.value);
    const plan: TrainingPlan = {
      format: 'trl',
      model: c.get('model_name_or_path', toStr),
      method: trlMethod(usePeft, quantization),
      training: trlTraining(c, weightDtype, quantization),
    };
    if (usePeft?.value) Object.assign(plan, trlPeft(c));
    return plan;
  },
};

function trlMethod(usePeft: Sourced<boolean> | undefined, quantization: Sourced<Quantization> | undefined): Sourced<string> {
  if (!usePeft?.value) return usePeft ? derive(usePeft, 'full') : assumed('full', 'no `use_peft: true`: TRL trains every weight');
  return derive(usePeft, quantization?.value.bits === 4 ? 'qlora' : 'lora');
}

function trlPeft(c: FlatConfig): Pick<TrainingPlan, 'peft' | 'peftSources'> {
  const sources: Record<string, Sourced<unknown> | undefined> = {
    task_type: c.value('lora_task_type', toStr),
    r: c.value('lora_r', toNumber),
    lora_alpha: c.value('lora_alpha', toNumber),
    lora_dropout: c.value('lora_dropout', toNumber),
    target_modules: trlTargets(c),
    target_parameters: c.get('lora_target_parameters', toList),
    modules_to_save: c.get('lora_modules_to_save', toList),
    use_rslora: c.value('use_rslora', toBool),
    use_dora: c.value('use_dora', toBool),
  };
  const peftSources = Object.fromEntries(Object.entries(sources).filter((e): e is [string, Sourced<unknown>] => e[1] !== undefined));
  const peft = { peft_type: 'LORA', bias: 'none', ...Object.fromEntries(Object.entries(peftSources).map(([k, s]) => [k, s.value])) };
  return { peft, peftSources };
}

/** ModelConfig turns a one-element list into its only string (so `[all-linear]` works); null means PEFT's default. */
function trlTargets(c: FlatConfig): Sourced<string | string[] | null> {
  const t = c.get('lora_target_modules', (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v : undefined));
  if (!t) return assumed(null, "no `lora_target_modules`: PEFT uses its default for the model's architecture");
  return Array.isArray(t.value) && t.value.length === 1 ? derive(t, t.value[0]) : t;
}

const DTYPES: Record<string, Precision> = { bfloat16: 'bf16', float16: 'fp16', float32: 'fp32' };

/** `dtype` (formerly `torch_dtype`) is the dtype the weights are loaded in; TRL defaults to float32. */
function trlWeightDtype(c: FlatConfig): Sourced<Precision> {
  const d = c.get('dtype', toStr) ?? c.get('torch_dtype', toStr);
  if (!d) return assumed('fp32', 'no `dtype`: TRL loads the model in float32');
  if (DTYPES[d.value]) return derive(d, DTYPES[d.value]);
  return derive(d, 'bf16', `\`${d.key}: ${d.value}\` keeps the checkpoint's dtype, bfloat16 for most current models`);
}

function trlQuantization(c: FlatConfig, computeDtype: Precision): Sourced<Quantization> | undefined {
  const four = c.get('load_in_4bit', toBool);
  if (four?.value) {
    const type = c.value('bnb_4bit_quant_type', toStr)?.value === 'fp4' ? 'fp4' : 'nf4';
    return derive(four, { bits: 4, type, doubleQuant: c.value('use_bnb_nested_quant', toBool)?.value ?? false, computeDtype });
  }
  const eight = c.get('load_in_8bit', toBool);
  return eight?.value ? derive(eight, { bits: 8, computeDtype }) : undefined;
}

function trlTraining(c: FlatConfig, weightDtype: Sourced<Precision>, quantization: Sourced<Quantization> | undefined): TrainingSettings {
  return {
    microBatchSize: c.value('per_device_train_batch_size', toNumber),
    sequenceLength: c.get('max_length', toNumber) ?? c.get('max_seq_length', toNumber) ?? c.value('max_length', toNumber),
    gradientAccumulationSteps: c.value('gradient_accumulation_steps', toNumber),
    gradientCheckpointing: c.get('gradient_checkpointing', toBool) ?? assumed(true, 'no `gradient_checkpointing`: TRL trainer configs default to true'),
    activationOffloading: c.value('activation_offloading', toBool),
    precision: trlPrecision(c),
    weightDtype,
    optimizer: c.get('optim', toStr) ?? assumed('adamw_torch_fused', "no `optim`: transformers' fused AdamW (`adamw_torch` before torch 2.8; same memory)"),
    gpus: c.get('num_processes', toNumber),
    quantization,
    packing: c.value('packing', toBool),
    attention: trlAttention(c),
    sharding: trlSharding(c),
    chunkedLoss: trlChunkedLoss(c),
  };
}

function trlPrecision(c: FlatConfig): Sourced<Precision> {
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

function trlAttention(c: FlatConfig): Sourced<AttentionImpl> | undefined {
  const a = c.get('attn_implementation', toStr);
  if (!a) return assumed('sdpa', 'no `attn_implementation`: transformers uses SDPA where the model supports it');
  return ATTENTION[a.value] ? derive(a, ATTENTION[a.value]) : undefined;
}

/** `deepspeed`/`fsdp` TrainingArguments, or one of the accelerate configs TRL bundles. */
function trlSharding(c: FlatConfig): Sourced<Sharding> | undefined {
  const ds = c.get('deepspeed', (v) => (v === null ? undefined : v));
  if (ds) return deepspeedSharding(ds);
  const fsdp = c.get('fsdp', (v) => (v === null || v === false || v === '' ? undefined : v));
  const viaFsdp = fsdp && fsdpSharding(fsdp);
  if (viaFsdp) return viaFsdp;
  const acc = c.get('accelerate_config', toStr);
  if (!acc) return undefined;
  const zero = /^zero([0-3])$/.exec(acc.value);
  if (zero) return derive(acc, { kind: 'deepspeed', stage: Number(zero[1]) as 0 | 1 | 2 | 3 }, `TRL's bundled \`${acc.value}\` accelerate config: DeepSpeed ZeRO-${zero[1]}`);
  if (/^fsdp[12]$/.test(acc.value)) return derive(acc, { kind: 'fsdp', stage: 3 }, `TRL's bundled \`${acc.value}\` accelerate config: FSDP full sharding`);
  if (acc.value === 'multi_gpu') return derive(acc, { kind: 'ddp' });
  return deepspeedOrUnknown(acc);
}

/** A path to an accelerate config file: judged by its name like a DeepSpeed file, when it names a stage. */
function deepspeedOrUnknown(acc: Sourced<string>): Sourced<Sharding> | undefined {
  const guess = deepspeedSharding(acc);
  return guess.value.stage === undefined ? undefined : guess;
}

/** Keys that only the preference and RL trainers declare: their loss is not SFT's chunked NLL. */
const NOT_SFT = ['beta', 'max_prompt_length', 'precompute_ref_log_probs', 'reference_free', 'rpo_alpha', 'num_generations', 'desirable_weight', 'undesirable_weight', 'center_rewards_coefficient', 'use_vllm'];

function trlChunkedLoss(c: FlatConfig): Sourced<boolean> {
  const liger = c.get('use_liger_kernel', toBool);
  if (liger?.value) return liger;
  const loss = c.get('loss_type', toStr);
  if (loss) return derive(loss, loss.value === 'chunked_nll');
  if (NOT_SFT.some((k) => c.has(k))) return assumed(false, 'a preference/RL trainer config: its loss materialises the full logits');
  return assumed(true, "no `loss_type`: SFT's default loss `chunked_nll` projects only the non-masked tokens, in chunks");
}
