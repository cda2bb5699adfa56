/**
 * The method picker: every method a user may want, with its papers, whether the current format can
 * express it (and if not, why and what to use instead), and the snippet that writes it (snippets/<format>.json).
 */
import type { FormatId } from '../types';
import { concept } from './concepts';
import type { PaperRef } from './papers';
import { paperRef } from './papers';
import { snippetFor } from './snippets';
import type { Snippet } from './snippets';

export interface MethodItem {
  id: string;
  label: string;
  description: string;
  papers: PaperRef[];
  related: PaperRef[];
  supported: boolean;
  reason?: string;
  snippet?: Snippet;
  current?: boolean;
}

interface MethodDef {
  id: string;
  /** The concept whose papers and one-line description the item shows. */
  concept: string;
  /** Formats that cannot express it, with the sentence the picker shows instead of a snippet. */
  unsupported: Partial<Record<FormatId, string>>;
}

const ONLY_PEFT = (what: string): Partial<Record<FormatId, string>> => ({
  axolotl: `axolotl's \`adapter\` builds LoRA, QLoRA or LLaMA-Adapter (or a plugin's adapter); ${what} needs an adapter_config.json or PEFT in Python.`,
  llamafactory: `LLaMA-Factory's \`finetuning_type\` is lora, oft, freeze or full; ${what} is not available.`,
  torchtune: `torchtune's builders provide LoRA, QLoRA and DoRA only; ${what} is not available.`,
  trl: `The trl CLI builds only a LoraConfig from YAML; ${what} needs \`peft_config=\` in Python.`,
});

const METHODS: readonly MethodDef[] = [
  { id: 'lora', concept: 'lora', unsupported: {} },
  {
    id: 'qlora',
    concept: 'qlora',
    unsupported: {
      'peft-adapter': 'adapter_config.json does not record how the base model is loaded: a QLoRA adapter is a LoRA config (use the LoRA snippet, `target_modules: "all-linear"`) trained on a base loaded with BitsAndBytesConfig(load_in_4bit=True).',
    },
  },
  { id: 'dora', concept: 'dora', unsupported: {} },
  { id: 'rslora', concept: 'rslora', unsupported: { torchtune: 'torchtune LoRA layers always scale by alpha/r; rank-stabilised scaling is not available.' } },
  {
    id: 'pissa',
    concept: 'pissa',
    unsupported: {
      torchtune: 'torchtune LoRA layers have no PiSSA initialisation.',
      trl: 'The trl CLI passes no `init_lora_weights` to its LoraConfig; PiSSA needs `peft_config=` in Python.',
    },
  },
  { id: 'adalora', concept: 'adalora', unsupported: ONLY_PEFT('AdaLoRA') },
  { id: 'ia3', concept: 'ia3', unsupported: ONLY_PEFT('(IA)³') },
  { id: 'loha', concept: 'loha', unsupported: ONLY_PEFT('LoHa') },
  { id: 'lokr', concept: 'lokr', unsupported: ONLY_PEFT('LoKr') },
  { id: 'vera', concept: 'vera', unsupported: ONLY_PEFT('VeRA') },
  { id: 'oft', concept: 'oft', unsupported: { ...ONLY_PEFT('OFT'), llamafactory: undefined } },
  { id: 'prompt_tuning', concept: 'prompt-tuning', unsupported: ONLY_PEFT('prompt tuning') },
  { id: 'prefix_tuning', concept: 'prefix-tuning', unsupported: ONLY_PEFT('prefix tuning') },
  { id: 'p_tuning', concept: 'p-tuning', unsupported: ONLY_PEFT('P-tuning') },
  {
    id: 'freeze',
    concept: 'freeze',
    unsupported: {
      'peft-adapter': 'adapter_config.json describes an adapter; freeze tuning trains original layers and has none.',
      axolotl: 'axolotl has no freeze method; without `adapter`, `unfrozen_parameters` (regexes of parameter names) keeps only those weights trainable.',
      torchtune: 'torchtune recipes train either adapters or every weight; freeze tuning is not available.',
      trl: 'The trl CLI trains either a LoRA (`use_peft`) or every weight; freeze tuning is not available.',
    },
  },
  {
    id: 'full',
    concept: 'full',
    unsupported: { 'peft-adapter': 'adapter_config.json describes an adapter; full fine-tuning has none (configure it in the training tool).' },
  },
];

/** The picker's items for a format (null: every method, none supported, e.g. for an unrecognised file). */
export function methodsFor(format: FormatId | null, currentMethod?: string): MethodItem[] {
  return METHODS.map((m) => {
    const c = concept(m.concept)!;
    const reason = format ? m.unsupported[format] : 'Not a recognised fine-tuning config.';
    const snippet = format && !reason ? snippetFor(format, m.id) : undefined;
    const item: MethodItem = {
      id: m.id,
      label: c.label,
      description: c.why,
      papers: c.papers.map((id, i) => paperRef(id, i === 0 ? c.why : undefined)),
      related: (c.related ?? []).map((id) => paperRef(id)),
      supported: !!snippet,
      ...(snippet ? { snippet } : { reason: reason ?? 'No snippet for this format yet.' }),
    };
    if (currentMethod && currentMethod === m.id) item.current = true;
    return item;
  });
}

export function methodIds(): string[] {
  return METHODS.map((m) => m.id);
}
