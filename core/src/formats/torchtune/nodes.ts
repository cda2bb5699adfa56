/** The component blocks of a recipe config: every mapping with a `_component_` key, at any depth. */
import type { Entry, MapNode, Node, Path } from '../../parse/tree';
import { findEntry, keyText } from '../../parse/tree';

export interface ComponentNode {
  /** Path of the mapping (`['model']`, `['dataset', 0]`, `['dataset', 'message_transform']`). */
  path: Path;
  map: MapNode;
  /** The `_component_` entry. */
  component: Entry;
  /** Its value when it is a plain dotted path (not empty, not an `${...}` interpolation). */
  target?: string;
}

/** Depth bound: real configs nest components two or three levels deep. */
const MAX_DEPTH = 8;

export function componentNodes(root: Node | null): ComponentNode[] {
  const out: ComponentNode[] = [];
  const visit = (node: Node | null, path: Path) => {
    if (!node || path.length > MAX_DEPTH) return;
    if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, [...path, i]));
    if (node.kind !== 'map') return;
    const component = findEntry(node, '_component_');
    if (component) out.push({ path, map: node, component, target: dottedPath(component.value) });
    for (const e of node.entries) if (keyText(e) !== '_component_') visit(e.value, [...path, keyText(e)]);
  };
  visit(root, []);
  return out;
}

export function dottedPath(node: Node | null): string | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const v = node.value.trim();
  return v && !v.includes('${') ? v : undefined;
}

/** The keyword arguments a component block passes (every key but `_component_`). */
export function argumentEntries(node: ComponentNode): Entry[] {
  return node.map.entries.filter((e) => keyText(e) !== '_component_');
}

/** True when a value is (or holds) an OmegaConf interpolation, resolved only when the recipe runs. */
export function isInterpolation(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}
