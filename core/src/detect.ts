/**
 * Which tool a file is a config for. Order of evidence: an explicit first-line comment, the user's
 * glob associations, the file name, then the content (the distinguishing keys of each format, in the
 * decision order of formats.md §0.2). A file with no evidence is left completely alone.
 */
import lfSchema from '../../schemas/llamafactory.schema.json';
import trlSchema from '../../schemas/trl.schema.json';
import type { MapNode, Node } from './parse/tree';
import { findEntry, keyText } from './parse/tree';
import { matchesGlob } from './glob';
import type { Settings } from './settings';
import type { FormatId } from './types';
import { FORMAT_IDS } from './types';

export type DetectionSource = 'comment' | 'setting' | 'file-name' | 'content';

export interface Detection {
  format: FormatId | null;
  source?: DetectionSource;
}

const COMMENT = /^\s*#\s*peft-lens:([^\n]*)/;

/** `key=value` pairs (`format=trl`, `transformers=5.8`), keys lower-cased. */
export function pairsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*([^\s,;]+)/g)) out[m[1].toLowerCase()] = m[2];
  return out;
}

/**
 * The pairs of a first-line `# peft-lens: format=<name> <package>=<release> ...` comment: the format,
 * and the releases the file runs on (versions/stack.ts reads those).
 */
export function lensComment(text: string): Record<string, string> {
  const m = COMMENT.exec(text.slice(0, 400));
  return m ? pairsOf(m[1]) : {};
}

export function detectFormat(path: string, text: string, root: Node | null, settings: Settings): Detection {
  const stated = lensComment(text).format;
  if (stated) {
    const named = stated.toLowerCase();
    if (named === 'none') return { format: null, source: 'comment' };
    if ((FORMAT_IDS as readonly string[]).includes(named)) return { format: named as FormatId, source: 'comment' };
  }
  for (const [glob, format] of Object.entries(settings.formatAssociations)) {
    if (matchesGlob(path, glob)) return { format: format === 'none' ? null : format, source: 'setting' };
  }
  if (/(^|[\\/])adapter_config\.json$/i.test(path)) return { format: 'peft-adapter', source: 'file-name' };
  const format = root?.kind === 'map' ? detectByContent(root) : null;
  return format ? { format, source: 'content' } : { format: null };
}

const AXOLOTL_KEYS = [
  'adapter', 'sequence_len', 'micro_batch_size', 'lora_r', 'lora_target_linear', 'sample_packing', 'datasets',
  'num_epochs', 'load_in_4bit', 'load_in_8bit', 'gradient_accumulation_steps', 'output_dir', 'val_set_size',
  'special_tokens', 'wandb_project', 'plugins', 'base_model_config', 'model_type', 'tokenizer_type', 'learning_rate',
  'lora_alpha', 'lora_dropout', 'lora_target_modules', 'attn_implementation', 'pretraining_dataset', 'fsdp_config', 'gradient_checkpointing',
];
// With model_name_or_path, these belong to LLaMA-Factory alone (chat/export/train commands).
const LLAMAFACTORY_KEYS = ['lora_rank', 'lora_target', 'template', 'infer_backend', 'export_dir', 'adapter_name_or_path', 'cutoff_len'];
const TRL_KEYS = ['use_peft', 'lora_r', 'lora_target_modules', 'dataset_name', 'env', 'max_seq_length', 'dataset_mixer', 'datasets'];
const TRAINER_KEYS = ['per_device_train_batch_size', 'learning_rate', 'num_train_epochs', 'output_dir', 'gradient_accumulation_steps', 'bf16'];

function detectByContent(root: MapNode): FormatId | null {
  const has = (key: string) => findEntry(root, key) !== undefined;
  const hasAny = (keys: string[]) => keys.some(has);
  const peftType = findEntry(root, 'peft_type')?.value;
  if (peftType?.kind === 'scalar' && typeof peftType.value === 'string') return 'peft-adapter';
  if (hasComponentKey(root, 0)) return 'torchtune';
  const peftConfig = findEntry(root, 'peft_config')?.value;
  if ((peftConfig?.kind === 'map' && findEntry(peftConfig, 'name')) || has('dist_config') || has('kernel_config')) return 'llamafactory';
  if (has('stage') && has('model_name_or_path')) return 'llamafactory';
  if (has('finetuning_type') || (has('model_name_or_path') && hasAny(LLAMAFACTORY_KEYS))) return 'llamafactory';
  if (has('base_model') && hasAny(AXOLOTL_KEYS)) return 'axolotl';
  if (has('model_name_or_path')) return lfOrTrl(root, hasAny(TRL_KEYS) || hasAny(TRAINER_KEYS));
  return withoutModelKey(root);
}

// Keys only one of the two tools declares: with nothing else to go on (formats.md §0.2 point 7),
// the tool that would understand more of the file's keys wins; a tie keeps TRL.
const LF_KEYS = new Set(Object.keys(lfSchema.properties));
// `accelerate launch` options the trl CLI forwards are evidence of an accelerate config, not of TRL.
const TRL_DECLARED = new Set(Object.entries(trlSchema.properties).filter(([, p]) => !('x-launcher' in p)).map(([k]) => k));

function lfOrTrl(root: MapNode, trlSignals: boolean): FormatId | null {
  let lf = 0;
  let trl = 0;
  for (const e of root.entries) {
    const k = keyText(e);
    if (LF_KEYS.has(k) && !TRL_DECLARED.has(k)) lf++;
    else if (TRL_DECLARED.has(k) && !LF_KEYS.has(k)) trl++;
  }
  if (lf > trl) return 'llamafactory';
  return trlSignals || trl > 0 ? 'trl' : null;
}

// Everyday words that either tool declares but other YAML files use too; they do not count as evidence.
const GENERIC = new Set(['env', 'datasets', 'dataset', 'template', 'tools', 'task', 'lang', 'beta', 'delta', 'epsilon', 'streaming', 'temperature', 'top_p', 'top_k', 'batch_size', 'save_dir', 'config_file', 'project', 'debug']);

/** A config whose model key is misspelt or missing is still recognised by three or more keys only one tool declares. */
function withoutModelKey(root: MapNode): FormatId | null {
  let lf = 0;
  let trl = 0;
  for (const e of root.entries) {
    const k = keyText(e);
    if (GENERIC.has(k)) continue;
    if (LF_KEYS.has(k) && !TRL_DECLARED.has(k)) lf++;
    else if (TRL_DECLARED.has(k) && !LF_KEYS.has(k)) trl++;
  }
  if (Math.max(lf, trl) < 3 || lf === trl) return null;
  return lf > trl ? 'llamafactory' : 'trl';
}

/** torchtune's signature: a `_component_` key at any depth (bounded, so deep junk stays cheap). */
function hasComponentKey(node: Node, depth: number): boolean {
  if (depth > 6) return false;
  if (node.kind === 'map') {
    return node.entries.some((e) => keyText(e) === '_component_' || (e.value !== null && hasComponentKey(e.value, depth + 1)));
  }
  if (node.kind === 'seq') return node.items.some((item) => hasComponentKey(item, depth + 1));
  return false;
}
