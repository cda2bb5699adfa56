/**
 * `_component_` paths that do not import in torchtune 0.7: `config.instantiate` (and `tune validate`)
 * resolve every dotted path before the recipe starts, so a misspelt, moved or removed path stops the
 * run at start-up. The same holds for the dotted-path strings some recipes resolve themselves
 * (`collate_fn`). Paths outside the modules the catalog lists completely (user code, third-party
 * libraries) are only questioned when they sit next to a known name.
 */
import type { Entry, Path } from '../../parse/tree';
import { findEntry } from '../../parse/tree';
import { didYouMean, suggestionFixes } from '../../schema/suggest';
import { lookupComponent } from '../../formats/torchtune/catalog';
import { componentNodes, dottedPath } from '../../formats/torchtune/nodes';
import type { Rule, RuleContext } from '../rule';
import { Reporter } from '../rule';

const PROFILER = 'torchtune.training.setup_torch_profiler';

export const componentsRule: Rule = {
  codes: {
    'torchtune/unknown-component': 'A `_component_` path that does not exist in torchtune 0.7: instantiation fails at start-up.',
    'torchtune/unverified-component': 'A `_component_` path peft-lens has no record of, next to a known name: probably a typo.',
    'torchtune/moved-component': 'A `_component_` path from an older torchtune release that moved; 0.7 no longer imports it.',
    'torchtune/removed-component': 'A `_component_` path torchtune 0.7 no longer has.',
    'torchtune/profiler-component': 'The training recipes accept only `torchtune.training.setup_torch_profiler` as the profiler.',
  },
  check(ctx: RuleContext) {
    const r = new Reporter(ctx);
    for (const node of componentNodes(ctx.root)) {
      if (node.target) checkPath(r, node.target, node.component, [...node.path, '_component_']);
    }
    const collate = findEntry(ctx.root, 'collate_fn');
    const collatePath = collate ? dottedPath(collate.value) : undefined;
    if (collate && collatePath) checkPath(r, collatePath, collate, ['collate_fn']);
    checkProfiler(r, ctx);
    return r.issues;
  },
};

function checkPath(r: Reporter, path: string, entry: Entry, at: Path): void {
  const found = lookupComponent(path);
  switch (found.status) {
    case 'known':
      return;
    case 'moved':
      r.report('torchtune/moved-component', 'error', `\`${path}\` moved to \`${found.replacement}\` in torchtune 0.7; the old path no longer imports, so the recipe stops at start-up. Use the new path.`, at, 'value', suggestionFixes([found.replacement], entry.value!.span));
      return;
    case 'removed':
      r.report('torchtune/removed-component', 'error', `\`${path}\` is not in torchtune 0.7 (${found.reason}); the recipe stops at start-up when it tries to import it.`, at, 'value');
      return;
    case 'unknown': {
      const fixes = suggestionFixes(found.suggestions, entry.value!.span);
      const hint = didYouMean(found.suggestions);
      if (found.closed) {
        r.report('torchtune/unknown-component', 'error', `torchtune 0.7 has no \`${path}\`: instantiating it fails before training starts.${hint}`, at, 'value', fixes);
      } else if (fixes.length) {
        r.report('torchtune/unverified-component', 'warning', `\`${path}\` is not a component peft-lens knows, and it is close to one that is; if it does not import, the recipe stops at start-up.${hint}`, at, 'value', fixes);
      }
      return;
    }
  }
}

/** The training recipes assert the profiler's component is exactly the public path (an alias fails). */
function checkProfiler(r: Reporter, ctx: RuleContext): void {
  const profiler = findEntry(ctx.root, 'profiler')?.value;
  const component = profiler?.kind === 'map' ? findEntry(profiler, '_component_') : undefined;
  const path = component ? dottedPath(component.value) : undefined;
  if (!component || !path || path === PROFILER || lookupComponent(path).status !== 'known') return;
  r.report('torchtune/profiler-component', 'error', `The training recipes only accept \`${PROFILER}\` as the profiler component and stop with an assertion error on \`${path}\`, even though it names the same function.`, ['profiler', '_component_'], 'value', suggestionFixes([PROFILER], component.value!.span));
}
