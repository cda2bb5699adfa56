/**
 * The keyword arguments of each component block against the callable's signature. `tune validate`
 * binds them the same way: a key the callable does not take is an error, because instantiation raises
 * "unexpected keyword argument". A required argument that is missing is tolerated by `tune validate`
 * (the recipe may inject it) but fails at instantiation unless the recipe supplies it.
 */
import { keyText } from '../../parse/tree';
import type { ComponentEntry } from '../../formats/torchtune/catalog';
import { resolveComponent } from '../../formats/torchtune/catalog';
import type { ComponentNode } from '../../formats/torchtune/nodes';
import { argumentEntries, componentNodes } from '../../formats/torchtune/nodes';
import { didYouMean, suggest, suggestionFixes } from '../../schema/suggest';
import type { Rule, RuleContext } from '../rule';
import { Reporter } from '../rule';

export const argumentsRule: Rule = {
  codes: {
    'torchtune/unknown-argument': 'A key the component does not accept: instantiation fails with an unexpected keyword argument.',
    'torchtune/missing-argument': 'A required argument of the component is missing: instantiation fails.',
    'torchtune/recipe-supplied-argument': 'An argument the recipe passes itself (a dataset\'s tokenizer, an optimizer\'s params): the value written here is overridden or clashes.',
    'torchtune/null-output-dir': 'A checkpointer whose `output_dir` is a plain `str` given null: it builds `Path(None)` and raises.',
  },
  check(ctx: RuleContext) {
    const r = new Reporter(ctx);
    for (const node of componentNodes(ctx.root)) {
      const found = node.target ? resolveComponent(node.target) : undefined;
      if (!found) continue;
      checkArguments(r, node, found.entry);
      checkRequired(r, node, found.entry);
      checkNullOutputDir(r, node, found.entry);
    }
    return r.issues;
  },
};

function checkArguments(r: Reporter, node: ComponentNode, entry: ComponentEntry): void {
  const names = entry.params.map((p) => p.name);
  // Recipes inject these only into the blocks they instantiate themselves: the top-level ones.
  const recipeInstantiated = node.path.length === 1 || (node.path.length === 2 && typeof node.path[1] === 'number');
  for (const arg of argumentEntries(node)) {
    const key = keyText(arg);
    const param = entry.params.find((p) => p.name === key);
    if (param?.recipe_supplied && recipeInstantiated) {
      r.report('torchtune/recipe-supplied-argument', 'warning', `The recipe passes \`${key}\` to \`${node.target}\` itself; the value written here is overridden, or clashes with it ("got multiple values"). Remove \`${key}\`.`, [...node.path, key]);
      continue;
    }
    // apply_lora_to_output on builders without it is reported by the LoRA rule, with the reason.
    if (param || entry.var_kwargs || (key === 'apply_lora_to_output' && entry.apply_lora_to_output === 'absent')) continue;
    const near = suggest(key, names.filter((n) => !node.map.entries.some((e) => keyText(e) === n)));
    const hint = near.length ? didYouMean(near) : ` It takes: ${names.map((n) => `\`${n}\``).join(', ') || 'no arguments'}.`;
    r.report('torchtune/unknown-argument', 'error', `\`${node.target}\` has no argument \`${key}\`: instantiating it fails with "unexpected keyword argument".${hint}`, [...node.path, key], 'key', suggestionFixes(near, arg.key.span, (n) => `Rename to \`${n}\``));
  }
}

function checkRequired(r: Reporter, node: ComponentNode, entry: ComponentEntry): void {
  const present = new Set(argumentEntries(node).map(keyText));
  const missing = entry.params.filter((p) => p.required && !p.recipe_supplied && !present.has(p.name)).map((p) => p.name);
  if (missing.length === 0) return;
  const list = missing.map((m) => `\`${m}\``).join(', ');
  r.report('torchtune/missing-argument', 'error', `\`${node.target}\` needs ${list}, which the recipe does not supply: instantiating it fails with a missing-argument error. Add ${missing.length > 1 ? 'them' : 'it'} to this block.`, [...node.path, '_component_'], 'value');
}

/**
 * The schema lets a checkpointer's `output_dir` be null, because FullModelHFCheckpointer (0.7)
 * declares it `Optional[str] = None`; the checkpointers that require it turn it into a Path at once.
 */
function checkNullOutputDir(r: Reporter, node: ComponentNode, entry: ComponentEntry): void {
  const arg = argumentEntries(node).find((e) => keyText(e) === 'output_dir');
  const param = entry.params.find((p) => p.name === 'output_dir');
  if (!arg || !param?.required || arg.value?.kind !== 'scalar' || arg.value.value !== null) return;
  r.report('torchtune/null-output-dir', 'error', `\`${node.target}\` takes \`output_dir\` as a plain \`str\` and builds \`Path(output_dir)\` when it is created, so null raises a TypeError. Write a folder (usually \`\${output_dir}\`).`, [...node.path, 'output_dir'], 'value');
}
