/**
 * The catalog of what torchtune 0.7 configs may name with `_component_` (components.json, maintained
 * by hand: see its `about`). Lookups resolve re-exported aliases, know the paths that moved or were
 * removed in earlier releases, and tell a typo in a module we list completely from a component we
 * simply have no record of.
 */
import loadComponents from './components.json?lazy';
import { suggest } from '../../schema/suggest';

export interface ComponentParam {
  name: string;
  required: boolean;
  default?: unknown;
  kw_only?: boolean;
  /** Injected by the recipe when it instantiates the component (a dataset's tokenizer, an optimizer's params). */
  recipe_supplied?: boolean;
  note?: string;
}

export type LoraOutputSupport = 'ok' | 'raises_if_true' | 'absent';

export interface ComponentEntry {
  kind: string;
  params: ComponentParam[];
  /** The callable takes **kwargs: any key is accepted. */
  var_kwargs: boolean;
  /** Where the signature was read: src, docs, ref (formats.md), know (least certain), config. */
  source: string;
  family?: string;
  size?: string;
  tied_embeddings?: boolean;
  apply_lora_to_output?: LoraOutputSupport;
  /** The Hugging Face hub id of the model a builder stands for. */
  hf_model?: string;
  multimodal?: boolean;
  partial_of?: string;
  notes?: string;
}

interface Catalog {
  version: string;
  model_types: string[];
  lora_attn_modules: string[];
  components: Record<string, ComponentEntry>;
  aliases: Record<string, string>;
  aliases_unverified: Record<string, string>;
  moved: Record<string, string>;
  removed: Record<string, string>;
  recipes: string[];
  lora_recipes: string[];
  /** Per recipe, how it reads each top-level key: `attr` (required) or `get:<default>`. */
  recipe_keys: Record<string, Record<string, string>>;
  /** Recipes whose recipe_keys table is partial (see the catalog's `about`). */
  recipe_keys_partial: string[];
  closed_modules: string[];
}

/** The catalog, parsed on first use: only torchtune configs need it. */
export const catalog = loadComponents as () => Catalog;

export type Lookup =
  | { status: 'known'; canonical: string; entry: ComponentEntry }
  | { status: 'moved'; replacement: string }
  | { status: 'removed'; reason: string }
  /** `closed`: the module is one we list completely, so the path cannot import in torchtune 0.7. */
  | { status: 'unknown'; closed: boolean; suggestions: string[] };

let members: Map<string, string[]> | undefined;
const MEMBERS = () => (members ??= membersByModule());

function membersByModule(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const paths = [...Object.keys(catalog().components), ...Object.keys(catalog().aliases), ...Object.keys(catalog().aliases_unverified)];
  for (const path of paths) {
    const [module, name] = splitPath(path);
    out.set(module, [...(out.get(module) ?? []), name]);
  }
  return out;
}

function splitPath(path: string): [string, string] {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? ['', path] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** The canonical path and entry for a dotted path, following aliases. */
export function resolveComponent(path: string): { canonical: string; entry: ComponentEntry } | undefined {
  const canonical = catalog().aliases[path] ?? catalog().aliases_unverified[path] ?? path;
  const entry = catalog().components[canonical];
  return entry ? { canonical, entry } : undefined;
}

export function lookupComponent(path: string): Lookup {
  const known = resolveComponent(path);
  if (known) return { status: 'known', ...known };
  if (catalog().moved[path]) return { status: 'moved', replacement: catalog().moved[path] };
  if (catalog().removed[path]) return { status: 'removed', reason: catalog().removed[path] };
  const [module, name] = splitPath(path);
  const members = MEMBERS().get(module);
  if (members) {
    // A difference of case only is the answer; otherwise longer names that extend the written one
    // (lora_qwen2_5_7b → lora_qwen2_5_7b_base) come first.
    const sameWord = members.filter((m) => m.toLowerCase() === name.toLowerCase());
    const near = (sameWord.length ? sameWord : suggest(name, members, 6))
      .sort((a, b) => Number(b.startsWith(name)) - Number(a.startsWith(name)))
      .slice(0, 3)
      .map((n) => `${module}.${n}`);
    return { status: 'unknown', closed: catalog().closed_modules.includes(module), suggestions: near };
  }
  // An unknown module: a typo when a nearby module has exactly this name.
  const nearModules = suggest(module, MEMBERS().keys()).filter((m) => MEMBERS().get(m)!.includes(name));
  if (nearModules.length) return { status: 'unknown', closed: true, suggestions: nearModules.map((m) => `${m}.${name}`) };
  return { status: 'unknown', closed: false, suggestions: [] };
}

export const isLoraBuilder = (e: ComponentEntry | undefined): boolean => e?.kind === 'lora_model' || e?.kind === 'qlora_model';

export function paramOf(entry: ComponentEntry, name: string): ComponentParam | undefined {
  return entry.params.find((p) => p.name === name);
}
