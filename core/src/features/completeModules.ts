/**
 * Target-module completion: inside the keys that list modules to adapt, the module names that exist
 * in the resolved base model (the name PEFT matches: the last component), with their shapes, plus
 * the format's "every linear layer" shorthand. Names the list already holds are not offered again.
 */
import type { Architecture, ModuleInfo } from '../models/types';
import { getNode } from '../parse/tree';
import type { FormatId, Span } from '../types';
import type { Completion, CompletionRequest } from './complete';
import { lastKey, scalarText } from './completeText';

/** Keys whose values name modules of the model, with the shorthand each accepts for all linear layers. */
const MODULE_KEYS: Record<string, { formats?: FormatId[]; allLinear?: string }> = {
  target_modules: { allLinear: 'all-linear' },
  exclude_modules: {},
  feedforward_modules: {},
  modules_to_save: {},
  lora_target_modules: { formats: ['axolotl', 'trl'], allLinear: 'all-linear' },
  lora_modules_to_save: { formats: ['axolotl', 'trl'] },
  lora_target: { formats: ['llamafactory'], allLinear: 'all' },
  oft_target: { formats: ['llamafactory'], allLinear: 'all' },
  additional_target: { formats: ['llamafactory'] },
};

/** torchtune names its projections itself (q_proj, output_proj, w1...): its schema lists them. */
const OWN_NAMING: FormatId[] = ['torchtune'];

export async function targetModules(req: CompletionRequest): Promise<Completion[]> {
  const { cursor, format } = req;
  if (cursor.mode !== 'value' && !cursor.itemValue) return [];
  const key = lastKey(cursor.path);
  const spec = key ? MODULE_KEYS[key] : undefined;
  if (!spec || (spec.formats && !spec.formats.includes(format)) || OWN_NAMING.includes(format)) return [];
  const model = await req.model();
  const out: Completion[] = [];
  // The shorthand stands alone: not as a list item, nor after a comma in a comma-separated string.
  const alone = typeof cursor.path[cursor.path.length - 1] !== 'number' && req.doc.text[cursor.span.start - 1] !== ',';
  if (spec.allLinear && alone) out.push(item(req, spec.allLinear, 'every linear layer except the output head', true));
  if (!model) return out;
  const listed = alreadyListed(req);
  for (const [name, modules] of byName(model)) if (!listed.has(name)) out.push(item(req, name, describe(modules, model), false));
  return out;
}

/** The names written in the list (a YAML/JSON list or a comma-separated string), except the one being typed. */
function alreadyListed(req: CompletionRequest): Set<string> {
  const { cursor, doc } = req;
  const path = typeof cursor.path[cursor.path.length - 1] === 'number' ? cursor.path.slice(0, -1) : cursor.path;
  const node = getNode(doc.root, path);
  const names = new Set<string>();
  const typing = (s: Span) => s.start <= cursor.span.end && cursor.span.start <= s.end;
  if (node?.kind === 'seq') {
    for (const entry of node.items) if (entry.kind === 'scalar' && typeof entry.value === 'string' && !typing(entry.span)) names.add(entry.value);
  } else if (node?.kind === 'scalar' && typeof node.value === 'string' && node.span.start <= cursor.span.start && cursor.span.end <= node.span.end) {
    const others = doc.text.slice(node.span.start, cursor.span.start) + doc.text.slice(cursor.span.end, node.span.end);
    for (const part of others.replace(/^["']|["']$/g, '').split(',')) if (part.trim()) names.add(part.trim());
  }
  return names;
}

function item(req: CompletionRequest, name: string, detail: string, preselect: boolean): Completion {
  const insertText = scalarText(name, req.doc.syntax, !!req.cursor.flow);
  return { label: name, kind: 'module', detail, insertText, span: req.cursor.span, ...(preselect ? { preselect } : {}) };
}

/** Linear-like modules grouped by the name PEFT matches (`q_proj` for `model.layers.0.self_attn.q_proj`). */
function byName(model: Architecture): Map<string, ModuleInfo[]> {
  const groups = new Map<string, ModuleInfo[]>();
  for (const m of model.modules) {
    if (m.type !== 'Linear' && m.type !== 'Conv1D' && m.type !== 'Embedding') continue;
    const name = m.name.split('.').pop()!;
    groups.set(name, [...(groups.get(name) ?? []), m]);
  }
  return groups;
}

function describe(modules: ModuleInfo[], model: Architecture): string {
  const m = modules[0];
  const shape = m.inFeatures && m.outFeatures ? ` ${m.inFeatures}→${m.outFeatures}` : '';
  const count = modules.length > 1 ? ` × ${modules.length}` : '';
  return `${m.type}${shape}${count} in ${model.id}`;
}
