/**
 * Options that belong to one fine-tuning method (FinetuningArguments.__post_init__ and _verify_model_args):
 * LoRA-only switches are refused for other methods, the other methods' own keys are silently unused.
 */
import type { Rule, RuleContext } from '../rule';
import { Reporter, isOn, isSet, present } from '../rule';
import { removeKeyFix } from '../fixes';
import { setting } from './helpers';

const LORA_ONLY_SWITCHES = ['loraplus_lr_ratio', 'use_rslora', 'use_dora', 'pissa_init'];
const KEYS_OF: Record<string, string[]> = {
  lora: ['lora_rank', 'lora_alpha', 'lora_dropout', 'lora_target', 'loraplus_lr_embedding', 'pissa_iter', 'pissa_convert'],
  oft: ['oft_rank', 'oft_block_size', 'oft_target', 'module_dropout'],
  freeze: ['freeze_trainable_layers', 'freeze_trainable_modules', 'freeze_extra_modules'],
};
const OPTIMIZERS = ['use_galore', 'use_apollo', 'use_badam'];

export const methodOptions: Rule = {
  codes: {
    'llamafactory/lora-only-option': 'A LoRA-only option (DoRA, rsLoRA, PiSSA, LoRA+) with another fine-tuning method.',
    'llamafactory/adapter-needs-lora': '`adapter_name_or_path` with a method other than LoRA.',
    'llamafactory/llama-pro-full': '`use_llama_pro` with full fine-tuning.',
    'llamafactory/lora-with-optimizer': 'LoRA together with GaLore, APOLLO or BAdam.',
    'llamafactory/optimizer-conflict': 'More than one of GaLore, APOLLO and BAdam.',
    'llamafactory/unsloth-oft': 'Unsloth with OFT.',
    'llamafactory/ignored-method-key': 'A key of another fine-tuning method, which the chosen method never reads.',
  },
  check(ctx) {
    const r = new Reporter(ctx);
    const method = String(setting(ctx, 'finetuning_type'));
    if (method !== 'lora') loraOnly(ctx, r, method);
    if (method === 'full' && isOn(ctx, 'use_llama_pro')) {
      r.report('llamafactory/llama-pro-full', 'error', 'LLaMA Pro trains only the expanded blocks, so LLaMA-Factory refuses `use_llama_pro` with `finetuning_type: full`. Use `freeze` or `lora`.', ['use_llama_pro'], 'key', [removeKeyFix(ctx, 'use_llama_pro')]);
    }
    optimizers(ctx, r, method);
    if (method === 'oft' && isOn(ctx, 'use_unsloth')) {
      r.report('llamafactory/unsloth-oft', 'error', 'Unsloth does not support OFT; LLaMA-Factory stops. Remove `use_unsloth` or use LoRA.', ['use_unsloth'], 'key', [removeKeyFix(ctx, 'use_unsloth')]);
    }
    ignoredKeys(ctx, r, method);
    return r.issues;
  },
};

function loraOnly(ctx: RuleContext, r: Reporter, method: string): void {
  for (const key of present(ctx, LORA_ONLY_SWITCHES)) {
    if (key !== 'loraplus_lr_ratio' && !isOn(ctx, key)) continue;
    r.report('llamafactory/lora-only-option', 'error', `\`${key}\` is only valid for LoRA training; with \`finetuning_type: ${method}\` LLaMA-Factory stops at start-up. Remove it or set \`finetuning_type: lora\`.`, [key], 'key', [removeKeyFix(ctx, key)]);
  }
  if (isSet(ctx, 'adapter_name_or_path')) {
    r.report('llamafactory/adapter-needs-lora', 'error', `Adapters can only be loaded for LoRA; with \`finetuning_type: ${method}\` LLaMA-Factory stops ("Adapter is only valid for the LoRA method"). Merge the adapter first or set \`finetuning_type: lora\`.`, ['adapter_name_or_path']);
  }
}

function optimizers(ctx: RuleContext, r: Reporter, method: string): void {
  const used = OPTIMIZERS.filter((k) => isOn(ctx, k));
  if (method === 'lora') {
    for (const key of used) r.report('llamafactory/lora-with-optimizer', 'error', `\`${key}\` trains full weights with its own optimizer and cannot be combined with LoRA; LLaMA-Factory stops. Use \`finetuning_type: full\` (or \`freeze\`), or drop \`${key}\`.`, [key], 'key', [removeKeyFix(ctx, key)]);
  }
  if (used.length > 1) {
    r.report('llamafactory/optimizer-conflict', 'error', `GaLore, APOLLO and BAdam are alternatives; LLaMA-Factory refuses ${used.map((k) => `\`${k}\``).join(' and ')} together. Keep one.`, [used[1]]);
  }
}

function ignoredKeys(ctx: RuleContext, r: Reporter, method: string): void {
  if ((method === 'full' || method === 'freeze') && isSet(ctx, 'additional_target')) {
    r.report('llamafactory/ignored-method-key', 'warning', `\`additional_target\` adds fully trained modules to a LoRA or OFT adapter; with \`finetuning_type: ${method}\` LLaMA-Factory never reads it. Remove it${method === 'freeze' ? ' (freeze tuning uses `freeze_extra_modules`)' : ''}.`, ['additional_target'], 'key', [removeKeyFix(ctx, 'additional_target')]);
  }
  for (const [owner, keys] of Object.entries(KEYS_OF)) {
    if (owner === method) continue;
    // LLaMA Pro with LoRA uses freeze_trainable_layers as the number of expanded blocks.
    if (owner === 'freeze' && isOn(ctx, 'use_llama_pro')) continue;
    for (const key of present(ctx, keys)) {
      r.report('llamafactory/ignored-method-key', 'warning', `\`${key}\` configures ${owner} tuning, but \`finetuning_type\` is \`${method}\`${ctx.config.finetuning_type === undefined ? ' (the default)' : ''}: LLaMA-Factory never reads it. Remove it or change \`finetuning_type\`.`, [key], 'key', [removeKeyFix(ctx, key)]);
    }
  }
}
