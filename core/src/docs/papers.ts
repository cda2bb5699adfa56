/**
 * The papers behind the settings, bundled from core/data/papers.json (a trimmed copy of the team's
 * reference list, refreshed by scripts/trimPapers.mjs): lookup by arXiv id, and the (key, value)
 * pairs each introducing paper names in its config mapping, for hover on keys and values.
 */
import loadPapers from '../../data/papers.json?lazy';

export interface Paper {
  id: string;
  title: string;
  year?: number;
  /** Short name of the method ("LoRA"), for foundational papers. */
  name?: string;
  /** One line on what the paper does (curated papers). */
  summary?: string;
}

export interface PaperRef {
  id: string;
  title: string;
  year?: number;
  url: string;
  why?: string;
}

interface RawFoundational {
  id: string;
  name: string;
  title: string | null;
  year: number;
  summary?: string;
  config: Record<string, unknown>;
}
interface RawCurated {
  id: string;
  title: string;
  year: number;
  summary: string;
  relevance: string;
  mapping: Record<string, unknown>;
}

interface Papers {
  foundational: RawFoundational[];
  curated: RawCurated[];
  byId: Map<string, Paper>;
  mentions?: readonly ConfigMention[];
}
let papers: Papers | undefined;

/** The list, parsed on first use: only hover and completion cite papers. */
function loaded(): Papers {
  if (papers) return papers;
  const data = loadPapers() as { foundational: RawFoundational[]; curated: RawCurated[] };
  const byId = new Map<string, Paper>();
  for (const p of data.curated) byId.set(p.id, { id: p.id, title: p.title, year: p.year, summary: p.summary });
  // The reference leaves some foundational titles empty; the curated entry's title, else the method's own
  // name ("QA-LoRA"), is what a link shows then, never a bare "arXiv 2309.14717".
  for (const p of data.foundational) {
    const curated = byId.get(p.id);
    byId.set(p.id, { ...curated, id: p.id, title: p.title ?? curated?.title ?? p.name, year: p.year, name: p.name, ...(p.summary ? { summary: p.summary } : {}) });
  }
  return (papers = { foundational: data.foundational, curated: data.curated, byId });
}

export function paper(id: string): Paper | undefined {
  return loaded().byId.get(id);
}

export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** A reference for display; ids missing from the bundle (a schema may cite any paper) still link. */
export function paperRef(id: string, why?: string): PaperRef {
  const p = loaded().byId.get(id);
  const line = why ?? p?.summary;
  return { id, title: p?.title ?? `arXiv ${id}`, year: p?.year, url: arxivUrl(id), ...(line ? { why: line } : {}) };
}

/** The curated papers whose contribution is a selectable or memory-saving method (the coverage test's list). */
export function methodPaperIds(): string[] {
  return loaded().curated.filter((p) => p.relevance === 'method').map((p) => p.id);
}

export function allPaperIds(): string[] {
  return [...loaded().byId.keys()];
}

/**
 * Where a paper shows up in configs: a key (any value, or one value), optionally only in one format
 * or only under one PEFT type. `introduces` is false for variants that reuse another method's type
 * (QLoRA and DoRA are `peft_type: LORA` papers but did not introduce LoRA).
 */
export interface ConfigMention {
  paper: string;
  key: string;
  /** A value ending in `_` is a prefix (`pissa_niter_` matches `pissa_niter_4`). */
  value?: string;
  format?: string;
  /** The PEFT type the mention belongs to: hover skips it in documents of another type. */
  peftType?: string;
  introduces: boolean;
}

const OPTIMIZER_KEYS = ['optim', 'optimizer'];
const OWN_CLASS = /^\w+Config$/;

/** PEFT types whose config class some paper in the list owns: the others' papers introduce their type. */
function typesWithClass({ foundational, curated }: Papers): Set<string> {
  return new Set(
    [...foundational.map((p) => p.config), ...curated.map((p) => p.mapping)]
      .filter((c) => typeof c.config_class === 'string' && OWN_CLASS.test(c.config_class))
      .map((c) => String(c.peft_type)),
  );
}

/** Parses the free-form config notes of the reference list ("use_dora=True", "adapter: qlora", "loftq_config (LoftQConfig)"). */
function mentionsOf(paperId: string, config: Record<string, unknown>, typesOwningClass: Set<string>): ConfigMention[] {
  const out: ConfigMention[] = [];
  const typeNote = typeof config.peft_type === 'string' ? config.peft_type : '';
  const peftType = /^[A-Z][A-Z0-9_]*/.exec(typeNote)?.[0];
  const ownsClass = typeof config.config_class === 'string' && OWN_CLASS.test(config.config_class);
  if (peftType) {
    const introduces = ownsClass || (!typesOwningClass.has(peftType) && typeNote === peftType);
    out.push({ paper: paperId, key: 'peft_type', value: peftType, format: 'peft-adapter', introduces });
  }
  const lists: [string | undefined, unknown][] = [
    [undefined, config.keys ?? config.config_keys],
    ['axolotl', config.axolotl],
    ['trl', config.trl],
    ...Object.entries((config.framework_keys as Record<string, unknown>) ?? {}),
  ];
  for (const [format, list] of lists) {
    if (!Array.isArray(list)) continue;
    for (const note of list) {
      if (typeof note !== 'string') continue;
      for (const m of parseNote(paperId, note, format, ownsClass)) out.push(peftType ? { ...m, peftType } : m);
    }
  }
  for (const name of [config.optimizers, config.optimizer_names].flat()) {
    if (typeof name === 'string') for (const key of OPTIMIZER_KEYS) out.push({ paper: paperId, key, value: name, introduces: true });
  }
  return out;
}

function parseNote(paperId: string, note: string, format: string | undefined, ownsClass: boolean): ConfigMention[] {
  const base = { paper: paperId, introduces: true, ...(format ? { format } : {}) };
  const text = note.trim();
  const call = /^[\w.]+\((.*)\)$/.exec(text);
  // A constructor call: each keyword argument is a key ("BitsAndBytesConfig(load_in_4bit=True, ...)").
  if (call) return [...call[1].matchAll(/(\w+)\s*=\s*(?:'([\w-]+)')?/g)].map((m) => ({ ...base, key: m[1], ...(m[2] ? { value: m[2] } : {}) }));
  const m = /^([a-z_][a-z0-9_]*)(?![\w.])\s*(?:[=:]\s*'?([\w-]+)'?)?/.exec(text.replace(/\[n\]/g, ''));
  if (!m) return [];
  const value = m[2] && !/^(true|false)$/i.test(m[2]) ? m[2] : undefined;
  // The keys of a paper's own config class (r, target_modules) are shared by every tuner; optimizer
  // keys name every optimizer: both count only with the value that selects this paper's method.
  if (!value && (ownsClass || OPTIMIZER_KEYS.includes(m[1]))) return [];
  return [{ ...base, key: m[1], ...(value ? { value } : {}) }];
}

/** Every mention of every paper, worked out on first use. */
export function configMentions(): readonly ConfigMention[] {
  const p = loaded();
  if (!p.mentions) {
    const types = typesWithClass(p);
    p.mentions = [
      ...p.foundational.flatMap((x) => mentionsOf(x.id, x.config, types)),
      ...p.curated.filter((x) => x.mapping.strength === 'direct').flatMap((x) => mentionsOf(x.id, x.mapping, types)),
    ];
  }
  return p.mentions;
}
