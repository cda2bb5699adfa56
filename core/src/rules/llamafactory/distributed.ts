/** DeepSpeed/FSDP conflicts and the inference backend (get_train_args and the optimizer builders). */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet } from '../rule';
import { removeKeyFix } from '../fixes';
import { setting, zeroStage } from './helpers';

/** Features LLaMA-Factory refuses under DeepSpeed ZeRO-3, with the reason. */
const ZERO3_CONFLICTS: [string, string][] = [
  ['pure_bf16', 'pure bf16 training'],
  ['pissa_init', 'PiSSA initialisation (use scripts/pissa_init.py)'],
  ['use_unsloth', 'Unsloth'],
  ['use_kt', 'KTransformers'],
  ['predict_with_generate', 'generation at prediction time'],
];

export const distributed: Rule = {
  codes: {
    'llamafactory/zero3-conflict': 'A feature LLaMA-Factory refuses under DeepSpeed ZeRO-3.',
    'llamafactory/deepspeed-optimizer': 'GaLore, APOLLO or BAdam in a mode DeepSpeed does not support.',
    'llamafactory/layerwise-accumulation': 'Layer-wise GaLore/APOLLO with gradient accumulation.',
    'llamafactory/infer-backend-training': 'A vLLM/SGLang inference backend in a training config.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const stage = zeroStage(ctx);
    if (stage === 3) {
      for (const [key, what] of ZERO3_CONFLICTS) {
        if (isOn(ctx, key)) r.report('llamafactory/zero3-conflict', 'error', `LLaMA-Factory refuses ${what} under DeepSpeed ZeRO-3 (\`${String(ctx.config.deepspeed)}\`). Use ZeRO-2 or remove \`${key}\`.`, [key], 'key', [removeKeyFix(ctx, key)]);
      }
    }
    if (isSet(ctx, 'deepspeed')) optimizers(ctx, r, stage);
    for (const key of ['galore_layerwise', 'apollo_layerwise']) {
      const accumulation = Number(ctx.config.gradient_accumulation_steps ?? 1);
      if (isOn(ctx, key) && isOn(ctx, key === 'galore_layerwise' ? 'use_galore' : 'use_apollo') && accumulation > 1) {
        r.report('llamafactory/layerwise-accumulation', 'error', `Layer-wise ${key.startsWith('galore') ? 'GaLore' : 'APOLLO'} updates each layer during the backward pass, so it cannot accumulate gradients; LLaMA-Factory stops with \`gradient_accumulation_steps: ${accumulation}\`. Set it to 1.`, ['gradient_accumulation_steps'], 'value');
      }
    }
    const backend = String(setting(ctx, 'infer_backend'));
    if (backend !== 'huggingface' && isOn(ctx, 'do_train')) {
      r.report('llamafactory/infer-backend-training', 'error', `\`infer_backend: ${backend}\` is only for chat, API and web UI; training and evaluation stop with it. Remove it from training configs.`, ['infer_backend'], 'key', [removeKeyFix(ctx, 'infer_backend')]);
    }
    return r.issues;
  },
};

function optimizers(ctx: RuleContext, r: Reporter, stage: number | undefined): void {
  for (const key of ['use_galore', 'use_apollo']) {
    if (isOn(ctx, key)) r.report('llamafactory/deepspeed-optimizer', 'error', `${key === 'use_galore' ? 'GaLore' : 'APOLLO'} does not work with DeepSpeed; LLaMA-Factory stops. Remove \`deepspeed\` (or use FSDP).`, [key]);
  }
  if (!isOn(ctx, 'use_badam')) return;
  if (setting(ctx, 'badam_mode') === 'ratio') {
    r.report('llamafactory/deepspeed-optimizer', 'error', 'Ratio-wise BAdam does not support distributed training; LLaMA-Factory stops. Use `badam_mode: layer` with ZeRO-3, or train on one GPU without DeepSpeed.', ['badam_mode'], 'value');
  } else if (stage !== undefined && stage !== 3) {
    r.report('llamafactory/deepspeed-optimizer', 'error', `Layer-wise BAdam only supports DeepSpeed ZeRO-3, not ZeRO-${stage}; LLaMA-Factory stops. Use a ZeRO-3 config.`, ['deepspeed'], 'value');
  }
}
