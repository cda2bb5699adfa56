/** Adapter, LoRA and QLoRA rules (axolotl `schemas/peft.py` and the LoRA validators). */
import { isLoraAdapter, plugins } from './facts';
import { removeKeyFix, replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';
import { pythonRegexError } from './pythonRegex';

const BUILT_IN_ADAPTERS = ['lora', 'qlora', 'llama-adapter'];
const LORA_KERNELS = ['lora_mlp_kernel', 'lora_qkv_kernel', 'lora_o_kernel'];
/** Keys that only mean something with an adapter (axolotl ignores them for full fine-tuning). */
const ADAPTER_ONLY_KEYS = ['lora_r', 'lora_alpha', 'lora_target_modules', 'lora_target_linear', 'lora_target_parameters', 'lora_modules_to_save', 'peft_use_dora', 'peft_use_rslora'];

export const adapterRules = ruleFamily(
  {
    'axolotl/qlora-needs-4bit': '`adapter: qlora` without `load_in_4bit: true`.',
    'axolotl/qlora-with-8bit': '`adapter: qlora` together with `load_in_8bit`.',
    'axolotl/qlora-with-gptq': '`adapter: qlora` on a GPTQ base.',
    'axolotl/qlora-merge-quantized': 'Merging a QLoRA adapter while the base is still loaded quantised.',
    'axolotl/kbit-needs-adapter': '4/8-bit loading without an adapter (full fine-tuning cannot train quantised weights).',
    'axolotl/unknown-adapter': 'An adapter name axolotl does not build and no listed plugin is known to register.',
    'axolotl/lora-missing-size': '`adapter: lora`/`qlora` without its size: `lora_r` or `lora_alpha` missing or empty.',
    'axolotl/adapter-keys-without-adapter': 'LoRA settings in a config without an adapter; axolotl ignores them.',
    'axolotl/target-parameters-dropout': '`lora_target_parameters` with a non-zero `lora_dropout`.',
    'axolotl/invalid-target-regex': 'A `lora_target_modules` pattern Python cannot compile.',
    'axolotl/layers-pattern-needs-layers': '`peft_layers_pattern` without `peft_layers_to_transform`.',
    'axolotl/unfrozen-with-layers-to-transform': '`unfrozen_parameters` with `peft_layers_to_transform` and an adapter.',
    'axolotl/fused-mlp-with-lora': '`flash_attn_fuse_mlp` with LoRA/QLoRA.',
    'axolotl/lora-kernels-8bit': 'Fused LoRA kernels with 8-bit LoRA.',
    'axolotl/lora-kernels-remote-code': 'Fused LoRA kernels with `trust_remote_code`.',
    'axolotl/lora-kernels-fsdp1': 'Fused LoRA kernels with FSDP other than version 2.',
    'axolotl/onebitllms-with-lora': '`use_onebitllms` with LoRA/QLoRA.',
    'axolotl/qlora-zero3-non-reentrant': 'QLoRA on DeepSpeed ZeRO-3 with non-reentrant checkpointing.',
    'axolotl/untrained-token-not-trainable': 'A token in `fix_untrained_tokens` that `peft_trainable_token_indices` does not train.',
    'axolotl/relora-needs-restart-steps': '`relora` without `jagged_restart_steps`.',
    'axolotl/relora-incompatible': '`relora` with an option it does not work with.',
  },
  [qlora, kbitNeedsAdapter, unknownAdapter, missingRank, adapterKeysWithoutAdapter, targetParameters, targetRegex, layerSelection, kernels, onebit, qloraZero3, untrainedTokens, relora],
);

function qlora(c: AxolotlConfig): void {
  if (c.get('adapter') !== 'qlora') return;
  if (c.on('merge_lora')) {
    const loaded = c.firstOn(['load_in_8bit', 'gptq', 'load_in_4bit']);
    if (loaded) c.error('axolotl/qlora-merge-quantized', `axolotl cannot merge a QLoRA adapter while \`${loaded}\` is on: merging needs the unquantised base. Remove \`${loaded}\` for the merge.`, loaded, 'key', [removeKeyFix(c.ctx, loaded)]);
    return;
  }
  if (c.on('load_in_8bit')) c.error('axolotl/qlora-with-8bit', 'QLoRA loads the base in 4-bit, so axolotl refuses `load_in_8bit` with `adapter: qlora`. Remove `load_in_8bit` (or use `adapter: lora` for 8-bit LoRA).', 'load_in_8bit', 'key', [removeKeyFix(c.ctx, 'load_in_8bit', true)]);
  if (c.on('gptq')) c.error('axolotl/qlora-with-gptq', 'axolotl refuses `adapter: qlora` on a GPTQ base: QLoRA quantises the base with bitsandbytes itself. Use `adapter: lora` with `gptq: true`.', 'gptq');
  if (c.bool('load_in_4bit') !== true) {
    const where = c.set('load_in_4bit') ? 'load_in_4bit' : 'adapter';
    c.error('axolotl/qlora-needs-4bit', 'axolotl requires `load_in_4bit: true` for `adapter: qlora` (QLoRA trains LoRA on a 4-bit base) and refuses to start without it.', where, where === 'adapter' ? 'value' : 'key', [setKeyFix(c.ctx, 'load_in_4bit', true, true)]);
  }
}

function kbitNeedsAdapter(c: AxolotlConfig): void {
  if (c.on('adapter') || c.on('inference')) return;
  const key = c.firstOn(['load_in_4bit', 'load_in_8bit']);
  if (!key) return;
  c.error('axolotl/kbit-needs-adapter', `\`${key}\` needs an adapter: a quantised base cannot be fully fine-tuned, so axolotl refuses to start. Add \`adapter: ${key === 'load_in_4bit' ? 'qlora' : 'lora'}\`, or remove \`${key}\` for full fine-tuning.`, key, 'key',
    [setKeyFix(c.ctx, 'adapter', key === 'load_in_4bit' ? 'qlora' : 'lora'), removeKeyFix(c.ctx, key)]);
}

function unknownAdapter(c: AxolotlConfig): void {
  const adapter = c.get('adapter');
  if (typeof adapter !== 'string' || adapter === '' || BUILT_IN_ADAPTERS.includes(adapter)) return;
  const listed = plugins(c);
  if (listed.length === 0) {
    const near = BUILT_IN_ADAPTERS.find((a) => a.toLowerCase() === adapter.toLowerCase().trim());
    c.error('axolotl/unknown-adapter', `\`adapter: ${adapter}\` is not built into axolotl (\`lora\`, \`qlora\`, \`llama-adapter\`) and no plugin is listed that could register it; axolotl refuses to start. Fix the name or add the plugin that provides it to \`plugins:\`.`, 'adapter', 'value',
      [near ? replaceValueFix(c.ctx, 'adapter', near, `Change to \`${near}\``, true) : undefined]);
  } else {
    c.info('axolotl/unknown-adapter', `\`adapter: ${adapter}\` is not built into axolotl; one of the listed plugins must register it, or axolotl refuses to start.`, 'adapter', 'value');
  }
}

function missingRank(c: AxolotlConfig): void {
  // With `lora_model_dir` axolotl loads the saved adapter, whose adapter_config.json sets r and alpha.
  if (!isLoraAdapter(c.get('adapter')) || c.on('lora_model_dir')) return;
  const missing = ['lora_r', 'lora_alpha'].filter((k) => !c.set(k));
  if (missing.length === 0) return;
  // Point at an empty `lora_r:` when there is one, else at the adapter that needs it.
  const anchor = missing.find((k) => c.get(k) !== undefined) ?? 'adapter';
  c.runError('axolotl/lora-missing-size', `axolotl 0.18's config check accepts a LoRA adapter without ${missing.map((k) => `\`${k}\``).join(' and ')}, but passes ${missing.length > 1 ? 'them' : 'it'} to PEFT as ${missing.length > 1 ? 'they are' : 'it is'} with no default, so loading the model fails when PEFT builds the LoRA layers with ${missing.length > 1 ? 'them' : 'it'} empty. Set ${missing.map((k) => `\`${k}\``).join(' and ')} (e.g. \`lora_r: 16\`, \`lora_alpha: 32\`).`, anchor, anchor === 'adapter' ? 'value' : 'key');
}

function adapterKeysWithoutAdapter(c: AxolotlConfig): void {
  if (c.on('adapter')) return;
  const key = c.firstOn(ADAPTER_ONLY_KEYS);
  if (key) c.warn('axolotl/adapter-keys-without-adapter', `\`${key}\` only applies to an adapter, but \`adapter\` is not set, so axolotl fine-tunes every weight and ignores the LoRA settings. Set \`adapter: lora\` if you meant to train LoRA.`, key);
}

function targetParameters(c: AxolotlConfig): void {
  const dropout = c.num('lora_dropout');
  if (!c.on('lora_target_parameters') || !dropout) return;
  c.error('axolotl/target-parameters-dropout', 'PEFT cannot apply dropout to `lora_target_parameters` (its parameter wrapper has no dropout), so axolotl refuses a non-zero `lora_dropout` here. Set `lora_dropout: 0`.', 'lora_dropout', 'value', [setKeyFix(c.ctx, 'lora_dropout', 0, true)]);
}

/**
 * axolotl's validator compiles every string in a `lora_target_modules` list. A single string is not
 * checked there: PEFT matches it as a regular expression when it builds a new adapter, unless
 * `lora_target_linear` turns it into one more module name.
 */
function targetRegex(c: AxolotlConfig): void {
  const targets = c.get('lora_target_modules');
  if (Array.isArray(targets)) {
    targets.forEach((pattern, i) => {
      const reason = typeof pattern === 'string' ? pythonRegexError(pattern) : undefined;
      if (reason) c.error('axolotl/invalid-target-regex', `\`${pattern}\` is not a valid Python regex (${reason}); axolotl compiles every entry of \`lora_target_modules\` and refuses to start. Escape special characters or fix the pattern.`, ['lora_target_modules', i], 'value');
    });
    return;
  }
  const reason = typeof targets === 'string' ? pythonRegexError(targets) : undefined;
  if (reason && isLoraAdapter(c.get('adapter')) && !c.on('lora_target_linear') && !c.on('lora_model_dir')) {
    c.error('axolotl/invalid-target-regex', `\`${String(targets)}\` is not a valid Python regex (${reason}); PEFT matches a string \`lora_target_modules\` as a regular expression and fails with re.error when it creates the adapter. Escape special characters, fix the pattern, or give a list of module names.`, 'lora_target_modules', 'value');
  }
}

function layerSelection(c: AxolotlConfig): void {
  if (c.on('peft_layers_pattern') && !c.on('peft_layers_to_transform')) {
    c.error('axolotl/layers-pattern-needs-layers', '`peft_layers_pattern` names the layer list that `peft_layers_to_transform` indexes, so axolotl refuses it alone. Add `peft_layers_to_transform` or remove the pattern.', 'peft_layers_pattern', 'key', [removeKeyFix(c.ctx, 'peft_layers_pattern')]);
  }
  if (c.on('adapter') && c.on('peft_layers_to_transform') && c.on('unfrozen_parameters')) {
    c.error('axolotl/unfrozen-with-layers-to-transform', 'axolotl refuses `unfrozen_parameters` together with `peft_layers_to_transform` on an adapter: the two ways of choosing what trains conflict. Keep one.', 'unfrozen_parameters');
  }
  if (isLoraAdapter(c.get('adapter')) && c.on('flash_attn_fuse_mlp')) {
    c.error('axolotl/fused-mlp-with-lora', 'Fused MLP modules have no separate projections for LoRA to attach to, so axolotl refuses `flash_attn_fuse_mlp` with LoRA/QLoRA. Remove it.', 'flash_attn_fuse_mlp', 'key', [removeKeyFix(c.ctx, 'flash_attn_fuse_mlp', true)]);
  }
}

function kernels(c: AxolotlConfig): void {
  const kernel = c.firstOn(LORA_KERNELS);
  if (kernel && c.get('adapter') === 'lora' && c.on('load_in_8bit')) {
    c.error('axolotl/lora-kernels-8bit', `axolotl's fused LoRA kernels do not support 8-bit LoRA, so \`${kernel}\` with \`load_in_8bit\` is refused. Set the \`lora_*_kernel\` keys to false.`, kernel, 'key', [setKeyFix(c.ctx, kernel, false)]);
  }
  // check_multigpu_lora_kernels (0.18) also counts lora_embedding_kernel, and asks on more than one GPU, which FSDP implies.
  const anyKernel = c.firstOn([...LORA_KERNELS, 'lora_embedding_kernel']);
  if (anyKernel && c.get('fsdp_config') != null && String(c.get('fsdp_version')) !== '2') {
    c.error('axolotl/lora-kernels-fsdp1', `axolotl's fused LoRA kernels only work with FSDP2, so \`${anyKernel}\` with \`fsdp_config\` and ${c.set('fsdp_version') ? `\`fsdp_version: ${String(c.get('fsdp_version'))}\`` : 'no `fsdp_version` (read as 1)'} is refused on several GPUs. Set \`fsdp_version: 2\`.`, c.set('fsdp_version') ? 'fsdp_version' : anyKernel, 'value', [setKeyFix(c.ctx, 'fsdp_version', 2, true)]);
  }
  if (kernel && c.on('trust_remote_code')) {
    c.error('axolotl/lora-kernels-remote-code', `axolotl's fused LoRA kernels cannot patch remote model code, so \`${kernel}\` with \`trust_remote_code\` is refused. Set the \`lora_*_kernel\` keys to false.`, kernel, 'key', [setKeyFix(c.ctx, kernel, false)]);
  }
}

function onebit(c: AxolotlConfig): void {
  if (c.on('use_onebitllms') && isLoraAdapter(c.get('adapter'))) {
    c.error('axolotl/onebitllms-with-lora', '1.58-bit training with `use_onebitllms` trains the full model; axolotl refuses it with LoRA/QLoRA. Remove the adapter or `use_onebitllms`.', 'use_onebitllms');
  }
}

function qloraZero3(c: AxolotlConfig): void {
  const ds = c.str('deepspeed');
  if (c.get('adapter') === 'qlora' && c.get(['gradient_checkpointing_kwargs', 'use_reentrant']) === false && ds?.includes('zero3')) {
    c.warn('axolotl/qlora-zero3-non-reentrant', 'QLoRA on ZeRO-3 with `use_reentrant: false` can fail in the backward pass with a CheckpointError about recomputed tensors (axolotl warns about it). Try `use_reentrant: true`.', ['gradient_checkpointing_kwargs', 'use_reentrant'], 'value');
  }
}

function untrainedTokens(c: AxolotlConfig): void {
  const fixed = c.get('fix_untrained_tokens');
  const trainable = c.get('peft_trainable_token_indices');
  if (!c.on('fix_untrained_tokens') || !Array.isArray(trainable) || trainable.length === 0) return;
  const missing = (Array.isArray(fixed) ? fixed : [fixed]).filter((t) => !trainable.includes(t));
  if (missing.length) {
    c.warn('axolotl/untrained-token-not-trainable', `Token(s) ${missing.join(', ')} are reset by \`fix_untrained_tokens\` but not listed in \`peft_trainable_token_indices\`, so their embeddings will not be trained. Add them to the list.`, 'fix_untrained_tokens');
  }
}

function relora(c: AxolotlConfig): void {
  if (!c.on('relora')) return;
  if (!c.on('jagged_restart_steps')) c.error('axolotl/relora-needs-restart-steps', 'ReLoRA merges and restarts the adapter every `jagged_restart_steps`; axolotl refuses `relora` without it.', 'relora');
  const adapter = c.get('adapter');
  const conflict = !isLoraAdapter(adapter) && !(typeof adapter === 'string' && adapter !== '' && plugins(c).length > 0) ? 'an adapter other than lora/qlora'
    : c.on('fsdp') || c.on('fsdp_config') ? 'FSDP' : c.on('deepspeed') ? 'DeepSpeed' : c.get('lr_scheduler') === 'one_cycle' ? '`lr_scheduler: one_cycle`' : c.on('flash_attn_fuse_mlp') ? '`flash_attn_fuse_mlp`' : undefined;
  if (conflict) c.error('axolotl/relora-incompatible', `axolotl refuses ReLoRA with ${conflict}. Remove one of them.`, 'relora');
}
