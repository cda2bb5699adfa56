/**
 * What the training recipes check when they start (their `__init__` and `setup`): precision, the
 * activation-memory switches, optimizer-in-backward limits, compile on NPU, the collator, packed
 * datasets, and the top-level keys they read as `cfg.<key>` (a missing one is a ConfigAttributeError).
 * Rules for one recipe family apply only when the header comment names such a recipe or the content
 * says so (a LoRA builder and an optimizer make a LoRA training run).
 */
import { getEntry, keyText } from '../../parse/tree';
import { catalog, resolveComponent } from '../../formats/torchtune/catalog';
import { isInterpolation } from '../../formats/torchtune/nodes';
import type { RecipeGuess } from '../../formats/torchtune/recipe';
import { guessRecipe } from '../../formats/torchtune/recipe';
import { replaceValueFix, setKeyFix } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { Reporter, truthy, valueAt } from '../rule';

export const recipeRule: Rule = {
  codes: {
    'torchtune/fp16-unsupported': '`dtype: fp16`: the training recipes refuse it (no loss scaling); use bf16 or fp32.',
    'torchtune/offload-needs-checkpointing': '`enable_activation_offloading` without `enable_activation_checkpointing`: the recipe raises.',
    'torchtune/offload-device': 'Activation offloading on a device other than CUDA or XPU: the recipe raises.',
    'torchtune/optimizer-in-bwd-accumulation': '`optimizer_in_bwd` with `gradient_accumulation_steps` > 1: the full-finetune recipes raise.',
    'torchtune/optimizer-in-bwd-clipping': '`optimizer_in_bwd` with `clip_grad_norm`: the full-finetune recipes raise.',
    'torchtune/optimizer-in-bwd-compile': '`optimizer_in_bwd` with a compiled optimizer step in `full_finetune_distributed`: the recipe raises.',
    'torchtune/compile-npu': '`compile: True` on an NPU: the recipe raises.',
    'torchtune/left-pad-collate': '`left_pad_sequence` as the training collator: the recipe raises (it is for inference).',
    'torchtune/packed-needs-max-seq-len': 'A packed dataset without `tokenizer.max_seq_len`: the dataset builder raises.',
    'torchtune/llama4-adapter-only': 'Distributed LoRA on Llama4 must save adapter weights only.',
    'torchtune/missing-recipe-key': 'A top-level key the recipe reads as `cfg.<key>`: without it the recipe stops with a missing-key error.',
  },
  check(ctx: RuleContext) {
    const r = new Reporter(ctx);
    const recipe = guessRecipe(ctx.doc, ctx.config);
    checkDatasets(r, ctx);
    if (!recipe.training) return r.issues;
    checkPrecision(r, ctx);
    checkActivations(r, ctx);
    if (!recipe.lora) checkOptimizerInBackward(r, ctx, recipe);
    checkDevice(r, ctx);
    checkLlama4(r, ctx, recipe);
    checkRecipeKeys(r, ctx, recipe);
    return r.issues;
  },
};

function checkPrecision(r: Reporter, ctx: RuleContext): void {
  if (ctx.config.dtype !== 'fp16') return;
  const fix = replaceValueFix(ctx, 'dtype', 'bf16', 'Change to `bf16`', true);
  r.report('torchtune/fp16-unsupported', 'error', 'The torchtune training recipes refuse `dtype: fp16` at start-up (they have no gradient scaling). Use `bf16` (or `fp32` on GPUs without bfloat16).', ['dtype'], 'value', [fix]);
}

function checkActivations(r: Reporter, ctx: RuleContext): void {
  const c = ctx.config;
  if (!truthy(c.enable_activation_offloading)) return;
  if (!truthy(c.enable_activation_checkpointing)) {
    const fix = setKeyFix(ctx, 'enable_activation_checkpointing', true, true, 'Enable activation checkpointing');
    r.report('torchtune/offload-needs-checkpointing', 'error', 'The recipe raises at start-up: activation offloading only works together with `enable_activation_checkpointing: True`. Enable checkpointing, or turn offloading off.', ['enable_activation_offloading'], 'key', [fix]);
  }
  const device = typeof c.device === 'string' ? c.device.split(':')[0] : 'cuda';
  if (device !== 'cuda' && device !== 'xpu' && !isInterpolation(c.device)) {
    r.report('torchtune/offload-device', 'error', `The recipe raises at start-up: activation offloading needs a CUDA or XPU device, and \`device\` is \`${String(c.device)}\`.`, ['enable_activation_offloading']);
  }
}

function checkOptimizerInBackward(r: Reporter, ctx: RuleContext, recipe: RecipeGuess): void {
  const c = ctx.config;
  if (!truthy(c.optimizer_in_bwd)) return;
  // full_finetune_distributed (0.7) compiles the optimizer step for `compile: True`, or for a
  // `compile` mapping with `optimizer_step: True` (its default there is False), and refuses that with optimizer_in_bwd.
  const compile = c.compile;
  const compilesStep = compile !== null && typeof compile === 'object' ? truthy((compile as Record<string, unknown>).optimizer_step) : truthy(compile);
  if (recipe.name === 'full_finetune_distributed' && compilesStep) {
    const at = compile !== null && typeof compile === 'object' ? ['compile', 'optimizer_step'] : ['compile'];
    r.report('torchtune/optimizer-in-bwd-compile', 'error', '`full_finetune_distributed` raises at start-up when it compiles the optimizer step with `optimizer_in_bwd: True` ("optimizer_in_bwd not supported with compiling the optimizer step"). Turn one off, or compile only the model and loss (`compile: {model: True, loss: True, optimizer_step: False}`).', at, 'value');
  }
  const steps = Number(c.gradient_accumulation_steps);
  if (Number.isFinite(steps) && steps > 1) {
    r.report('torchtune/optimizer-in-bwd-accumulation', 'error', `With \`optimizer_in_bwd: True\` the optimizer steps during the backward pass, so gradients cannot accumulate: the recipe raises at start-up. Set \`gradient_accumulation_steps: 1\` or \`optimizer_in_bwd: False\`.`, ['gradient_accumulation_steps'], 'value');
  }
  if (c.clip_grad_norm !== undefined && c.clip_grad_norm !== null) {
    r.report('torchtune/optimizer-in-bwd-clipping', 'error', 'With `optimizer_in_bwd: True` there is no point where all gradients exist to clip: the recipe raises at start-up. Set `clip_grad_norm: null` or `optimizer_in_bwd: False`.', ['clip_grad_norm'], 'value');
  }
}

function checkDevice(r: Reporter, ctx: RuleContext): void {
  const c = ctx.config;
  if (c.device === 'npu' && truthy(c.compile)) {
    r.report('torchtune/compile-npu', 'error', 'The recipe raises at start-up: torch.compile is not supported on NPU. Set `compile: False`.', ['compile'], 'value');
  }
  if (typeof c.collate_fn === 'string' && c.collate_fn.includes('left_pad_sequence')) {
    r.report('torchtune/left-pad-collate', 'error', 'The training recipes raise at start-up on `left_pad_sequence`: it pads on the left for generation. Use `torchtune.data.padded_collate_sft` (the default) or remove `collate_fn`.', ['collate_fn'], 'value');
  }
}

/** The dataset builders refuse packing without a length to pack to. */
function checkDatasets(r: Reporter, ctx: RuleContext): void {
  const maxSeqLen = valueAt(ctx.config, ['tokenizer', 'max_seq_len']);
  if (maxSeqLen !== undefined && maxSeqLen !== null) return;
  for (const key of ['dataset', 'dataset_val']) {
    const value = ctx.config[key];
    const blocks = Array.isArray(value) ? value.map((v, i) => [v, [key, i]] as const) : [[value, [key]] as const];
    for (const [block, path] of blocks) {
      if (!truthy(valueAt(block, ['packed']))) continue;
      r.report('torchtune/packed-needs-max-seq-len', 'error', 'A packed dataset needs `tokenizer.max_seq_len` (the length samples are packed to); without it the dataset builder raises "PackedDataset requires a max_seq_len to be set on the tokenizer". Set `tokenizer.max_seq_len`, or `packed: False`.', [...path, 'packed']);
    }
  }
}

function checkLlama4(r: Reporter, ctx: RuleContext, recipe: RecipeGuess): void {
  if (recipe.name !== 'lora_finetune_distributed' || truthy(ctx.config.save_adapter_weights_only)) return;
  const component = valueAt(ctx.config, ['model', '_component_']);
  const family = typeof component === 'string' ? resolveComponent(component)?.entry.family : undefined;
  if (family !== 'llama4') return;
  const at = getEntry(ctx.root, ['save_adapter_weights_only']) ? ['save_adapter_weights_only'] : ['model', '_component_'];
  r.report('torchtune/llama4-adapter-only', 'error', '`lora_finetune_distributed` refuses Llama4 unless `save_adapter_weights_only: True` (merged full weights are not supported for it).', at, 'value');
}

/** Keys every named recipe reads as attributes; with no name, only those all LoRA recipes share. */
function checkRecipeKeys(r: Reporter, ctx: RuleContext, recipe: RecipeGuess): void {
  const keys = requiredKeys(recipe);
  const missing = keys.filter((k) => !(k in ctx.config));
  if (missing.length === 0 || ctx.root.entries.length === 0) return;
  const who = recipe.name ? `\`${recipe.name}\`` : 'A LoRA training recipe';
  // Nothing in the file requires these keys (the recipe on the command line does): report at the top.
  r.report('torchtune/missing-recipe-key', 'error', `${who} reads ${missing.map((k) => `\`${k}\``).join(', ')} as \`cfg.<key>\` and stops with a missing-key error without ${missing.length > 1 ? 'them' : 'it'}. Add ${missing.length > 1 ? 'them' : 'it'} to the config.`, [keyText(ctx.root.entries[0])]);
}

function requiredKeys(recipe: RecipeGuess): string[] {
  const table = catalog().recipe_keys;
  const attrs = (name: string) => Object.entries(table[name] ?? {}).filter(([, how]) => how === 'attr').map(([k]) => k);
  if (recipe.name) return attrs(recipe.name);
  if (!recipe.lora) return [];
  const lists = catalog().lora_recipes.filter((n) => table[n] && !catalog().recipe_keys_partial.includes(n)).map(attrs);
  return lists.length ? lists.reduce((a, b) => a.filter((k) => b.includes(k))) : [];
}
