/** The training settings of a v0 LLaMA-Factory config, each with its key or LLaMA-Factory's default. */
import type { AttentionImpl, ChunkedLossKind, LigerKernels, Precision, Sourced, TrainingSettings } from '../../plan';
import { assumed, derive, trainerLoop } from '../extractHelpers';
import type { FlatConfig } from '../hfArgs';
import { defaultOptimizer, toBool, toNumber, toStr, trainerSharding } from '../hfArgs';
import { bnbQuantization } from './readers';

export function trainingV0(c: FlatConfig): TrainingSettings {
  const precision = precisionOf(c);
  return {
    microBatchSize: c.value('per_device_train_batch_size', toNumber),
    sequenceLength: c.value('cutoff_len', toNumber),
    gradientAccumulationSteps: c.value('gradient_accumulation_steps', toNumber),
    gradientCheckpointing: checkpointingOf(c),
    precision,
    weightDtype: precision.value === 'fp32' ? assumed('fp32', 'no `bf16`/`fp16`: LLaMA-Factory loads the weights in fp32') : precision,
    optimizer: optimizerOf(c),
    quantization: bnbQuantization(c, precision.value),
    packing: packingOf(c),
    attention: attentionOf(c),
    sharding: trainerSharding(c),
    // TrainingArguments' `torch_compile`: accelerate compiles the whole model, its loss included.
    compile: c.get('torch_compile', toBool),
    ...ligerOf(c),
    loop: trainerLoop('LLaMA-Factory 0.9.6 (its CustomSeq2SeqTrainer)'),
  };
}

/**
 * LLaMA-Factory 0.9.5's model_utils/liger_kernel.py calls Liger's patch for the model type with its
 * defaults (RMSNorm, SwiGLU/GeGLU, RoPE, fused linear cross-entropy), except that stages other than
 * `pt` and `sft` need the logits: fused linear cross-entropy off, Liger's plain cross-entropy on. Which
 * model types it patches is checked against the model (memory/liger.ts).
 */
function ligerOf(c: FlatConfig): Pick<TrainingSettings, 'chunkedLoss' | 'chunkedLossKind' | 'ligerKernels'> {
  const liger = c.get('enable_liger_kernel', toBool);
  if (!liger?.value) return { chunkedLoss: liger ?? assumed(false, 'no `enable_liger_kernel`: the full logits are materialised') };
  const stage = c.value('stage', toStr);
  const kernels = derive<boolean, LigerKernels>(liger, { rmsNorm: true, glu: true });
  if (stage?.value !== 'pt' && stage?.value !== 'sft') {
    return { chunkedLoss: derive(liger, false, `\`stage: ${stage?.value}\` needs the logits: LLaMA-Factory turns Liger's fused linear cross-entropy off (its plain cross-entropy is sized as transformers' loss)`), ligerKernels: kernels };
  }
  return { chunkedLoss: liger, chunkedLossKind: derive<boolean, ChunkedLossKind>(liger, 'liger'), ligerKernels: kernels };
}

function precisionOf(c: FlatConfig): Sourced<Precision> {
  const flags = (['pure_bf16', 'bf16', 'fp16'] as const).map((key) => [key, c.get(key, toBool)] as const);
  for (const [key, s] of flags) if (s?.value) return derive(s, key === 'fp16' ? 'fp16' : 'bf16');
  const off = flags.find(([, s]) => s)?.[1];
  return off ? derive(off, 'fp32') : assumed('fp32', 'no `bf16`, `fp16` or `pure_bf16`: training runs in fp32');
}

function checkpointingOf(c: FlatConfig): Sourced<boolean> {
  const disable = c.get('disable_gradient_checkpointing', toBool);
  const explicit = c.get('gradient_checkpointing', toBool);
  if (explicit?.value) return explicit;
  if (disable) return derive(disable, !disable.value);
  return assumed(true, 'LLaMA-Factory enables gradient checkpointing unless `disable_gradient_checkpointing: true`');
}

/** LLaMA-Factory's own optimizers replace `optim`; GaLore keeps its base optimizer's flavour. */
function optimizerOf(c: FlatConfig): Sourced<string> {
  const optim = c.get('optim', toStr);
  const galoreBase = /8bit/.test(optim?.value ?? '') ? 'galore_adamw_8bit' : optim?.value === 'adafactor' ? 'galore_adafactor' : 'galore_adamw';
  const own: [string, string][] = [['use_adam_mini', 'adam_mini'], ['use_muon', 'muon'], ['use_galore', galoreBase], ['use_apollo', 'apollo_adamw'], ['use_badam', 'badam']];
  for (const [key, name] of own) {
    const s = c.get(key, toBool);
    if (s?.value) return derive(s, name);
  }
  return optim ?? defaultOptimizer();
}

function packingOf(c: FlatConfig): Sourced<boolean> {
  const packing = c.get('packing', toBool);
  if (packing) return packing;
  const neat = c.get('neat_packing', toBool);
  if (neat?.value) return neat;
  const stage = c.value('stage', toStr);
  return assumed(stage?.value === 'pt', `no \`packing\`: LLaMA-Factory packs only for \`stage: pt\` (here \`${stage?.value ?? 'sft'}\`)`);
}

const LF_ATTENTION: Record<string, AttentionImpl> = { fa2: 'flash_attention_2', fa3: 'flash_attention_3', sdpa: 'sdpa', disabled: 'eager' };

function attentionOf(c: FlatConfig): Sourced<AttentionImpl> {
  const fa = c.value('flash_attn', toStr) ?? assumed('auto', 'LLaMA-Factory defaults to auto');
  const impl = LF_ATTENTION[fa.value];
  if (impl) return derive(fa, impl);
  // LLaMA-Factory 0.9.5 (model_utils/attention.py) leaves `auto` to transformers, whose default is SDPA; Gemma-2 is the exception (memory/attentionImpl.ts).
  return derive(fa, 'sdpa', "`flash_attn: auto`: transformers' default, SDPA");
}
