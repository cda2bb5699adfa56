/**
 * Markdown for a `_component_` path: what it is, the arguments it takes with their defaults (in
 * Python spelling, as users write them), what the recipe supplies, and the papers behind LoRA and
 * QLoRA builders. Used by hover on `_component_` values and by completion documentation.
 */
import type { ComponentEntry, ComponentParam } from './catalog';
import { catalog, resolveComponent } from './catalog';

const KIND_WORDS: Record<string, string> = {
  model: 'model builder (full fine-tuning)',
  lora_model: 'LoRA model builder',
  qlora_model: 'QLoRA model builder (LoRA with the frozen base in 4-bit NF4)',
  component_builder: 'model component builder',
  tokenizer: 'tokenizer builder',
  checkpointer: 'checkpointer',
  optimizer: 'optimizer',
  lr_scheduler: 'learning-rate scheduler',
  loss: 'loss',
  dataset: 'dataset builder',
  collate: 'batch collator',
  metric_logger: 'metric logger',
  profiler: 'profiler',
  transform: 'transform',
};

const SOURCE_WORDS: Record<string, string> = {
  src: 'read from the torchtune source',
  docs: 'read from the torchtune API documentation',
  ref: 'read from the torchtune source (formats reference)',
  config: 'seen only in an upstream config; arguments unchecked',
  know: 'recorded from API knowledge (least certain)',
};

const PAPERS: Record<string, [string, string][]> = {
  lora_model: [['LoRA', '2106.09685']],
  qlora_model: [['LoRA', '2106.09685'], ['QLoRA', '2305.14314']],
};

export function describeComponent(path: string): string | undefined {
  if (catalog().moved[path]) return `**\`${path}\`** · moved\n\ntorchtune 0.7 names it \`${catalog().moved[path]}\`; the old path no longer imports.`;
  if (catalog().removed[path]) return `**\`${path}\`** · not in torchtune 0.7\n\n${catalog().removed[path]}.`;
  const found = resolveComponent(path);
  if (!found) return undefined;
  const { canonical, entry } = found;
  const lines = [headline(path, entry)];
  if (canonical !== path) lines.push('', `Re-export of \`${canonical}\`.`);
  lines.push('', ...argumentTable(entry));
  const facts = factsOf(entry);
  if (facts.length) lines.push('', ...facts);
  const papers = PAPERS[entry.kind];
  if (papers) lines.push('', `Papers: ${papers.map(([name, id]) => `[${name}](https://arxiv.org/abs/${id})`).join(', ')}`);
  lines.push('', `_Signature ${SOURCE_WORDS[entry.source.split(':')[0]] ?? entry.source}${entry.source.includes(':') ? ` (${entry.source.split(':')[1]})` : ''}._`);
  return lines.join('\n');
}

/** One argument of a component, for hover on a key inside its block. */
export function describeArgument(path: string, name: string): string | undefined {
  const entry = resolveComponent(path)?.entry;
  const param = entry?.params.find((p) => p.name === name);
  if (!entry || !param) return undefined;
  const parts = [`**\`${name}\`** · argument of \`${path}\``, '', defaultWords(param)];
  if (param.note) parts.push('', param.note);
  return parts.join('\n');
}

function headline(path: string, entry: ComponentEntry): string {
  const kind = KIND_WORDS[entry.kind] ?? entry.kind.replace(/_/g, ' ');
  const model = entry.hf_model ? ` · builds the architecture of [${entry.hf_model}](https://huggingface.co/${entry.hf_model})` : '';
  return `**\`${path}\`** · ${kind}${model}`;
}

function argumentTable(entry: ComponentEntry): string[] {
  const own = entry.params.filter((p) => !p.recipe_supplied);
  const supplied = entry.params.filter((p) => p.recipe_supplied).map((p) => `\`${p.name}\``);
  const out: string[] = [];
  if (own.length) out.push('| argument | default |', '|---|---|', ...own.map((p) => `| \`${p.name}\` | ${defaultWords(p)} |`));
  else if (!entry.var_kwargs) out.push('Takes no arguments.');
  if (supplied.length) out.push('', `Supplied by the recipe: ${supplied.join(', ')}.`);
  if (entry.var_kwargs) out.push('', entry.params.length ? 'Also accepts other keyword arguments (`**kwargs`).' : 'Arguments are not checked (signature not recorded).');
  return out;
}

function factsOf(entry: ComponentEntry): string[] {
  const out: string[] = [];
  if (entry.apply_lora_to_output === 'absent') out.push('Output projection tied to the token embedding: no `apply_lora_to_output` argument.');
  if (entry.apply_lora_to_output === 'raises_if_true') out.push('Output projection tied to the token embedding: `apply_lora_to_output: True` raises.');
  if (entry.notes) out.push(entry.notes);
  return out;
}

function defaultWords(p: ComponentParam): string {
  if (p.recipe_supplied) return 'supplied by the recipe';
  if (p.required) return '**required**';
  return `\`${python(p.default)}\``;
}

/** A default in Python spelling (True, None, 'right'), as configs and docstrings write it. */
function python(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(python).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `'${k}': ${python(x)}`).join(', ')}}`;
  return String(v);
}
