/**
 * One tree for YAML and JSON. Every node carries the span of its text, so every feature
 * (validation, hover, completion, estimates) is written once against this shape.
 */
import type { Span } from '../types';

export type Scalar = string | number | boolean | null;

export interface ScalarNode {
  kind: 'scalar';
  value: Scalar;
  /** Source text of the scalar (without surrounding quotes), for re-interpretation by a format. */
  raw: string;
  quoted: boolean;
  span: Span;
}

export interface Entry {
  key: ScalarNode;
  /** Null when the key has no value yet (`lora_r:` while typing) or the value failed to parse. */
  value: Node | null;
  /** From the start of the key to the end of the value (or of the key). */
  span: Span;
}

export interface MapNode {
  kind: 'map';
  entries: Entry[];
  span: Span;
}

export interface SeqNode {
  kind: 'seq';
  items: Node[];
  span: Span;
}

export type Node = MapNode | SeqNode | ScalarNode;

export type PathSegment = string | number;
export type Path = PathSegment[];

/** The key text of an entry (keys are compared as strings, as Python dict keys from YAML are). */
export function keyText(entry: Entry): string {
  return String(entry.key.value);
}

// Trees are never mutated after parsing, so a big mapping's key index can be built once and kept.
const indexes = new WeakMap<MapNode, Map<string, Entry>>();
const INDEX_FROM = 32;

/** Last entry with this key: PyYAML and json.load both keep the last duplicate. */
export function findEntry(map: MapNode, key: string): Entry | undefined {
  if (map.entries.length >= INDEX_FROM) {
    let index = indexes.get(map);
    if (!index) {
      index = new Map(map.entries.map((e) => [keyText(e), e]));
      indexes.set(map, index);
    }
    return index.get(key);
  }
  for (let i = map.entries.length - 1; i >= 0; i--) {
    if (keyText(map.entries[i]) === key) return map.entries[i];
  }
  return undefined;
}

export function getNode(root: Node | null, path: Path): Node | undefined {
  let node: Node | null | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.kind === 'map' && typeof seg === 'string') node = findEntry(node, seg)?.value;
    else if (node.kind === 'seq' && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node ?? undefined;
}

/** The entry addressed by a path whose last segment is a key. */
export function getEntry(root: Node | null, path: Path): Entry | undefined {
  if (path.length === 0) return undefined;
  const parent = getNode(root, path.slice(0, -1));
  const last = path[path.length - 1];
  return parent?.kind === 'map' && typeof last === 'string' ? findEntry(parent, last) : undefined;
}

export interface ToValueOptions {
  /** Limit on nodes visited, so shared (aliased) sub-trees cannot blow up conversion. */
  budget?: number;
}

/**
 * Plain JavaScript value of a node (what `yaml.safe_load` / `json.load` would give).
 * Shared sub-trees from YAML aliases are visited again each time; the budget bounds that.
 */
export function toValue(node: Node | null | undefined, options: ToValueOptions = {}): unknown {
  const state = { left: options.budget ?? 200_000 };
  const visit = (n: Node | null | undefined): unknown => {
    if (!n || state.left-- <= 0) return null;
    switch (n.kind) {
      case 'scalar':
        return n.value;
      case 'seq':
        return n.items.map(visit);
      case 'map': {
        const out: Record<string, unknown> = {};
        for (const e of n.entries) out[keyText(e)] = visit(e.value);
        return out;
      }
    }
  };
  return visit(node);
}

/** Where an offset falls: the innermost node, the path to it, and whether it is on a key. */
export interface Location {
  path: Path;
  node: Node | null;
  /** The entry whose key or value holds the offset, when inside a mapping. */
  entry?: Entry;
  onKey: boolean;
  /** Enclosing map/seq nodes from the root down (the last one holds `node`). */
  ancestors: Node[];
}

export function locate(root: Node | null, offset: number): Location {
  const loc: Location = { path: [], node: root, onKey: false, ancestors: [] };
  let node: Node | null = root;
  while (node && node.kind !== 'scalar') {
    let next: Node | null = null;
    if (node.kind === 'map') {
      for (const e of node.entries) {
        if (within(e.key.span, offset)) {
          loc.ancestors.push(node);
          loc.path.push(keyText(e));
          loc.entry = e;
          loc.onKey = true;
          loc.node = e.key;
          return loc;
        }
        if (e.value && within(e.value.span, offset)) {
          loc.ancestors.push(node);
          loc.path.push(keyText(e));
          loc.entry = e;
          next = e.value;
          break;
        }
      }
    } else {
      const i = node.items.findIndex((item) => within(item.span, offset));
      if (i >= 0) {
        loc.ancestors.push(node);
        loc.path.push(i);
        loc.entry = undefined;
        next = node.items[i];
      }
    }
    if (!next) return loc;
    loc.node = next;
    node = next;
  }
  return loc;
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
