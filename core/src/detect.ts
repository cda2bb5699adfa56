/**
 * Which tool a file is a config for. Order of evidence: an explicit first-line comment, the user's
 * glob associations, the file name, then the content (the distinguishing keys of each format, in the
 * decision order of formats.md §0.2). A file with no evidence is left completely alone.
 */
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

const COMMENT = /^\s*#\s*peft-lens:\s*format\s*=\s*([\w-]+)/;

export function detectFormat(path: string, text: string, root: Node | null, settings: Settings): Detection {
  const comment = COMMENT.exec(text.slice(0, 200));
  if (comment) {
    const named = comment[1].toLowerCase();
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
  if (has('model_name_or_path') && (hasAny(TRL_KEYS) || hasAny(TRAINER_KEYS))) return 'trl';
  return null;
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
