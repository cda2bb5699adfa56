/**
 * Editor help that comes from the component catalog rather than the schema: hover on a
 * `_component_` path (or `collate_fn`) shows the callable's arguments; hover on a key inside a
 * component block shows that argument's default; completion offers catalogued paths for
 * `_component_` (filtered by the block they configure) and the arguments a block does not set yet.
 */
import type { ConfigDoc } from '../../document';
import type { Completion, CursorContext } from '../../features/complete';
import type { HoverResult } from '../../features/hover';
import type { MapNode, Path } from '../../parse/tree';
import { findEntry, getNode, keyText, locate } from '../../parse/tree';
import { catalog, resolveComponent } from './catalog';
import { describeArgument, describeComponent } from './describe';
import { dottedPath } from './nodes';
import schema from '../../../../schemas/torchtune.schema.json';
import { describe, schemasAt } from '../../schema/lookup';
import type { JsonSchema } from '../../schema/types';

const SCHEMA = schema as JsonSchema;

/** Which kinds of component each block takes, by the block's key. */
const KINDS_BY_BLOCK: [RegExp, string[]][] = [
  [/^(model|teacher_model|policy_model|reward_and_value_model)$/, ['model', 'lora_model', 'qlora_model', 'component_builder']],
  [/^tokenizer$/, ['tokenizer']],
  [/checkpointer$/, ['checkpointer']],
  [/^optimizer$/, ['optimizer']],
  [/^lr_scheduler$/, ['lr_scheduler']],
  [/loss$/, ['loss']],
  [/^(dataset|dataset_val|datasets)$/, ['dataset']],
  [/^metric_logger$/, ['metric_logger']],
  [/^profiler$/, ['profiler']],
];

export function torchtuneHover(doc: ConfigDoc, offset: number): HoverResult | null {
  const loc = locate(doc.root, offset);
  if (!loc.entry) return null;
  const key = keyText(loc.entry);
  if (!loc.onKey && loc.node?.kind === 'scalar' && (key === '_component_' || (key === 'collate_fn' && loc.path.length === 1))) {
    const path = dottedPath(loc.node);
    const markdown = path ? describeComponent(path) : undefined;
    return markdown ? { markdown, span: loc.node.span } : null;
  }
  // Keys the schema documents (model.lora_rank, tokenizer.max_seq_len ...) keep the schema's hover.
  if (!loc.onKey || describe(schemasAt(SCHEMA, loc.path))) return null;
  const holder = loc.ancestors[loc.ancestors.length - 1];
  const component = holder?.kind === 'map' ? dottedPath(findEntry(holder, '_component_')?.value ?? null) : undefined;
  const markdown = component ? describeArgument(component, key) : undefined;
  return markdown ? { markdown, span: loc.entry.key.span } : null;
}

export function torchtuneCompletions(doc: ConfigDoc, cursor: CursorContext): Completion[] {
  if (cursor.mode === 'value' && cursor.path[cursor.path.length - 1] === '_component_') return pathCompletions(doc, cursor);
  if (cursor.mode === 'key') return argumentCompletions(doc, cursor);
  return [];
}

function pathCompletions(doc: ConfigDoc, cursor: CursorContext): Completion[] {
  const block = [...cursor.path].reverse().find((s, i) => i > 0 && typeof s === 'string') as string | undefined;
  const kinds = KINDS_BY_BLOCK.find(([re]) => block !== undefined && re.test(block))?.[1];
  const out: Completion[] = [];
  for (const path of publicPaths()) {
    const entry = resolveComponent(path)!.entry;
    if (kinds && !kinds.includes(entry.kind)) continue;
    const insertText = doc.syntax === 'json' ? `"${path}"` : path;
    out.push({ label: path, kind: 'module', detail: entry.hf_model ?? entry.kind.replace(/_/g, ' '), documentation: describeComponent(path), insertText, span: cursor.span });
  }
  return out;
}

/** Catalogued paths as configs should write them: a private defining module (`._checkpointer`) gives way to its shortest public re-export. */
function publicPaths(): string[] {
  const shortest = new Map<string, string>();
  for (const [alias, target] of [...Object.entries(catalog().aliases), ...Object.entries(catalog().aliases_unverified)]) {
    const best = shortest.get(target);
    if (!best || alias.length < best.length) shortest.set(target, alias);
  }
  return Object.keys(catalog().components).map((p) => (/\._/.test(p) ? (shortest.get(p) ?? p) : p));
}

function argumentCompletions(doc: ConfigDoc, cursor: CursorContext): Completion[] {
  const map = getNode(doc.root, cursor.path as Path);
  if (map?.kind !== 'map') return [];
  const component = dottedPath(findEntry(map, '_component_')?.value ?? null);
  const entry = component ? resolveComponent(component)?.entry : undefined;
  if (!entry) return [];
  const present = new Set((map as MapNode).entries.filter((e) => e.key.span.start !== cursor.span.start).map(keyText));
  return entry.params
    .filter((p) => !p.recipe_supplied && !present.has(p.name))
    .map((p) => ({
      label: p.name,
      kind: 'key' as const,
      detail: p.required ? 'required' : `default ${JSON.stringify(p.default ?? null)}`,
      documentation: describeArgument(component!, p.name),
      insertText: doc.syntax === 'json' ? `"${p.name}": ` : `${p.name}: `,
      span: cursor.span,
    }));
}
