/**
 * A v1 (plugin layout) LLaMA-Factory config as a TrainingPlan: `peft_config` gives the method and its
 * PEFT config, `quant_config`, `dist_config`, `kernel_config` and `optim_config` the memory settings.
 */
import type { ConfigDoc } from '../../document';
import type { AttentionImpl, Precision, Quantization, Sharding, Sourced, TrainingPlan, TrainingSettings } from '../../plan';
import { assumed, derive, peftFromSources, trainerLoop } from '../extractHelpers';
import { FlatConfig, toBool, toList, toNumber, toStr } from '../hfArgs';
import { deepspeedSharding } from '../sharding';
import { V1_PROPS, v1BlockProps } from './layout';
import { bnbQuantization, targets, TOOL, valuesOf } from './readers';

export function extractV1(doc: ConfigDoc): TrainingPlan {
  const c = new FlatConfig(doc, V1_PROPS, TOOL);
  const peft = new FlatConfig(doc, v1BlockProps('peft_config'), TOOL, ['peft_config']);
  const quant = quantizationOf(doc);
  const name = peft.get('name', toStr);
  const plan: TrainingPlan = { format: 'llamafactory', model: c.value('model', toStr), method: methodOf(name, quant), training: trainingOf(c, quant) };
  if (name?.value === 'lora') {
    Object.assign(plan, peftFromSources({ peft_type: 'LORA', task_type: 'CAUSAL_LM', bias: 'none' }, {
      r: peft.value('r', toNumber),
      lora_alpha: peft.value('lora_alpha', toNumber),
      lora_dropout: peft.value('lora_dropout', toNumber),
      target_modules: targets(peft, 'target_modules'),
      modules_to_save: peft.get('modules_to_save', toList),
      use_rslora: peft.value('use_rslora', toBool),
      use_dora: peft.value('use_dora', toBool),
    }));
  }
  if (name?.value === 'freeze') plan.extra = valuesOf(peft, [['freeze_trainable_layers', toNumber], ['freeze_trainable_modules', toList], ['freeze_extra_modules', toList]]);
  return plan;
}

function methodOf(name: Sourced<string> | undefined, quant: Sourced<Quantization> | undefined): Sourced<string> {
  if (!name) return assumed('full', 'no `peft_config`: every weight trains');
  return name.value === 'lora' && quant?.value.bits === 4 ? derive(name, 'qlora') : name;
}

function quantizationOf(doc: ConfigDoc): Sourced<Quantization> | undefined {
  const q = new FlatConfig(doc, v1BlockProps('quant_config'), TOOL, ['quant_config']);
  const dtype = q.value('compute_dtype', toStr)?.value ?? 'float16';
  const computeDtype: Precision = /bf|bfloat/.test(dtype) ? 'bf16' : /32/.test(dtype) ? 'fp32' : 'fp16';
  return bnbQuantization(q, computeDtype);
}

function trainingOf(c: FlatConfig, quantization: Sourced<Quantization> | undefined): TrainingSettings {
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
    attention: attentionOf(c),
    sharding: shardingOf(c),
    chunkedLoss: kernels ? derive(kernels, /liger/.test(kernels.value)) : assumed(false, 'no `kernel_config`: the full logits are materialised'),
    loop: trainerLoop('LLaMA-Factory 0.9.6 (v1 layout)', 'its own BaseTrainer, whose compute_loss returns only the loss'),
  };
}

const ATTENTION: AttentionImpl[] = ['sdpa', 'flash_attention_2', 'flash_attention_3', 'eager', 'flex_attention'];

function attentionOf(c: FlatConfig): Sourced<AttentionImpl> | undefined {
  const fa = c.get('flash_attn', toStr);
  return fa && ATTENTION.includes(fa.value as AttentionImpl) ? (fa as Sourced<AttentionImpl>) : undefined;
}

function shardingOf(c: FlatConfig): Sourced<Sharding> | undefined {
  const name = c.get(['dist_config', 'name'], toStr);
  if (!name) return undefined;
  if (name.value === 'deepspeed') {
    const file = c.get(['dist_config', 'config_file'], toStr);
    return file ? deepspeedSharding(file) : derive(name, { kind: 'deepspeed' }, 'no `dist_config.config_file`: the ZeRO stage is unknown');
  }
  if (/fsdp/.test(name.value)) return derive(name, { kind: 'fsdp', stage: 3 }, `\`${name.value}\` shards parameters, gradients and optimizer states (full sharding)`);
  return undefined;
}
