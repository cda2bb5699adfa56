/**
 * LoRA builder blocks. The builders only test `"q_proj" in lora_attn_modules`, so a name they do not
 * know (HF's `o_proj`, an MLP projection) silently gets no adapter, and the run fails much later when
 * the checkpointer converts the module list for PEFT ("Unknown target module"). Builders whose output
 * projection is tied to the embeddings either lack `apply_lora_to_output` or raise when it is true.
 * The LoRA recipes read four model keys directly from the config, so those must be written out.
 */
import type { ConfigDoc } from '../../document';
import { addEntriesEdit, replaceValueEdit } from '../../edits';
import type { MapNode } from '../../parse/tree';
import { findEntry, toValue } from '../../parse/tree';
import type { ComponentEntry } from '../../formats/torchtune/catalog';
import { catalog, isLoraBuilder, paramOf, resolveComponent } from '../../formats/torchtune/catalog';
import type { ComponentNode } from '../../formats/torchtune/nodes';
import { componentNodes, isInterpolation } from '../../formats/torchtune/nodes';
import { guessRecipe } from '../../formats/torchtune/recipe';
import type { Fix } from '../../types';
import type { Rule, RuleContext } from '../rule';
import { Reporter, truthy } from '../rule';

/** Where users' HF habits point, in torchtune's vocabulary. */
const HF_NAMES: Record<string, string> = {
  o_proj: 'use `output_proj` (torchtune\'s name for the attention output projection)',
  gate_proj: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  up_proj: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  down_proj: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  w1: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  w2: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  w3: 'MLP projections are not listed here: set `apply_lora_to_mlp: True`',
  lm_head: 'the output projection is not listed here: set `apply_lora_to_output: True`',
  output: 'the output projection is not listed here: set `apply_lora_to_output: True`',
};

/** Keys the LoRA recipes read as `cfg.model.<key>` (lora_attn_modules is a required builder argument too). */
const RECIPE_MODEL_KEYS = ['lora_rank', 'lora_alpha', 'apply_lora_to_mlp'];

export const loraRule: Rule = {
  codes: {
    'torchtune/lora-attn-module': 'A `lora_attn_modules` name torchtune does not know: that projection gets no adapter and saving the PEFT checkpoint fails.',
    'torchtune/lora-attn-modules-empty': 'An empty `lora_attn_modules`: the builder raises.',
    'torchtune/lora-output-tied': '`apply_lora_to_output` on a builder whose output projection is tied to the embeddings.',
    'torchtune/missing-lora-key': 'A model key the LoRA recipes read directly (`lora_rank`, `lora_alpha`, `apply_lora_to_mlp`) is missing.',
  },
  check(ctx: RuleContext) {
    const r = new Reporter(ctx);
    for (const node of componentNodes(ctx.root)) {
      const entry = node.target ? resolveComponent(node.target)?.entry : undefined;
      if (!entry || !paramOf(entry, 'lora_attn_modules')) continue;
      checkModules(ctx.doc, r, node);
      checkOutput(r, node, entry);
    }
    checkRecipeKeys(r, ctx);
    return r.issues;
  },
};

function checkModules(doc: ConfigDoc, r: Reporter, node: ComponentNode): void {
  const list = findEntry(node.map, 'lora_attn_modules')?.value;
  if (list?.kind !== 'seq') return;
  if (list.items.length === 0) {
    r.report('torchtune/lora-attn-modules-empty', 'error', `\`lora_attn_modules\` is empty: the builder raises "Must pass one or more of ${catalog().lora_attn_modules.join(', ')}". List at least one projection.`, [...node.path, 'lora_attn_modules'], 'value');
    return;
  }
  list.items.forEach((item, i) => {
    const name = item.kind === 'scalar' ? String(item.value) : undefined;
    if (name === undefined || catalog().lora_attn_modules.includes(name) || isInterpolation(name)) return;
    const advice = HF_NAMES[name] ?? `allowed names are ${catalog().lora_attn_modules.map((m) => `\`${m}\``).join(', ')}`;
    const fixes: Fix[] = name === 'o_proj' ? [{ title: 'Change to `output_proj`', edits: [replaceValueEdit(item.span, 'output_proj', doc)], preferred: true }] : [];
    r.report('torchtune/lora-attn-module', 'error', `\`${name}\` is not a torchtune attention projection: the builder silently gives it no adapter, and saving the checkpoint later fails with "Unknown target module". ${cap(advice)}.`, [...node.path, 'lora_attn_modules', i], 'value', fixes);
  });
}

function checkOutput(r: Reporter, node: ComponentNode, entry: ComponentEntry): void {
  const flag = findEntry(node.map, 'apply_lora_to_output');
  if (!flag) return;
  const at = [...node.path, 'apply_lora_to_output'];
  if (entry.apply_lora_to_output === 'absent') {
    r.report('torchtune/lora-output-tied', 'error', `\`${node.target}\` has no \`apply_lora_to_output\` argument (its output projection is the token embedding, tied), so instantiation fails with "unexpected keyword argument". Remove the key.`, at);
  } else if (entry.apply_lora_to_output === 'raises_if_true' && truthy(toValue(flag.value)) && tiedEmbeddings(node)) {
    r.report('torchtune/lora-output-tied', 'error', `\`${node.target}\` ties its output projection to the token embedding and raises a ValueError when \`apply_lora_to_output\` is true. Set it to False.`, at, 'value');
  }
}

/** Builders that take `tie_word_embeddings` only raise while it is true (their default). */
function tiedEmbeddings(node: ComponentNode): boolean {
  const tie = findEntry(node.map, 'tie_word_embeddings');
  return !tie || truthy(toValue(tie.value));
}

function checkRecipeKeys(r: Reporter, ctx: RuleContext): void {
  const model = findEntry(ctx.root, 'model');
  if (model?.value?.kind !== 'map') return;
  const component = findEntry(model.value, '_component_')?.value;
  const builder = component?.kind === 'scalar' ? resolveComponent(String(component.value))?.entry : undefined;
  const recipe = guessRecipe(ctx.doc, ctx.config);
  if (!builder || !isLoraBuilder(builder) || !recipe.lora || !recipe.training) return;
  const missing = RECIPE_MODEL_KEYS.filter((k) => !findEntry(model.value as MapNode, k));
  if (missing.length === 0) return;
  const defaults = missing.map((k): [string, unknown] => [k, paramOf(builder, k)?.default ?? null]);
  const fix: Fix = { title: `Add ${missing.join(', ')} with the builder's defaults`, edits: [addEntriesEdit(ctx.doc, model.value, defaults)], preferred: true };
  const who = recipe.name ? `\`${recipe.name}\`` : 'The LoRA recipes';
  r.report('torchtune/missing-lora-key', 'error', `${who} read${recipe.name ? 's' : ''} ${missing.map((k) => `\`model.${k}\``).join(', ')} straight from the config (not from the builder's defaults) and stop with a missing-key error. Write ${missing.length > 1 ? 'them' : 'it'} in the \`model\` block.`, ['model'], 'key', [fix]);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
