/**
 * The papers behind one key (and its value) of one format: the schema's `x-papers` and
 * `x-enum-docs[value].papers`, the reference list's config mentions, and the concept table, merged
 * into "introduced by" papers with one line on why each matters, plus related research.
 */
import type { JsonSchema } from '../schema/types';
import type { FormatId } from '../types';
import type { Concept, ConceptMatch } from './concepts';
import { CONCEPTS, conceptOfPaper } from './concepts';
import type { ConfigMention, PaperRef } from './papers';
import { configMentions, paperRef } from './papers';

export interface KeyContext {
  format: FormatId;
  /** The key as written (last path segment). */
  key: string;
  /** The scalar value of the entry, when it has one. */
  value?: unknown;
  schemas: JsonSchema[];
  /** The PEFT type the document amounts to (`LORA`), when known: mentions of other types are skipped. */
  peftType?: string;
}

export interface PaperDocs {
  papers: PaperRef[];
  related: PaperRef[];
}

/** How many related papers a hover lists; the method picker carries the full lists. */
export const RELATED_IN_HOVER = 6;

export function paperDocs(k: KeyContext): PaperDocs {
  // What the value selects (`adapter: llama-adapter`) is more specific than what the key is about
  // (`adapter` in general): key-level papers are shown only when the value names none.
  const value = collect(k, true);
  const found = value.intro.length + value.related.length + value.concepts.length > 0 ? value : collect(k, false);
  const { intro, related } = found;
  const add = (list: string[], ids: string[] | undefined) => ids?.forEach((id) => list.includes(id) || list.push(id));
  if (found.selects) {
    for (const id of intro) add(related, variantsOf(id));
    for (const c of [...found.concepts, ...intro.map(conceptOfPaper)]) add(related, c?.related);
  }
  const papers = intro.map((id) => paperRef(id, conceptOfPaper(id)?.why));
  return { papers, related: related.filter((id) => !intro.includes(id)).map((id) => paperRef(id)) };
}

interface Found {
  intro: string[];
  related: string[];
  concepts: Concept[];
  /** The key or value switches a method on (related research is worth listing), not a hyperparameter. */
  selects: boolean;
}

/** Papers tied to the value (`byValue`) or to the key whatever its value. */
function collect(k: KeyContext, byValue: boolean): Found {
  const out: Found = { intro: [], related: [], concepts: [], selects: false };
  const add = (list: string[], ids: string[] | undefined) => ids?.forEach((id) => list.includes(id) || list.push(id));
  if (byValue) {
    const docs = k.value === undefined ? undefined : k.schemas.map((s) => s['x-enum-docs']?.[String(k.value)]).find(Boolean);
    add(out.intro, docs?.papers);
    out.selects = out.intro.length > 0;
  } else {
    for (const s of k.schemas) add(out.intro, s['x-papers']);
    // A key's own papers make it a method switch only when it is one (use_dora: true), not a hyperparameter (r).
    out.selects = out.intro.length > 0 && (typeof k.value === 'boolean' || k.schemas.some((s) => [s.type].flat().includes('boolean')));
  }
  for (const m of configMentions()) {
    if ((m.value !== undefined) !== byValue || !mentionApplies(m, k)) continue;
    add(m.introduces ? out.intro : out.related, [m.paper]);
    out.selects ||= m.introduces;
  }
  for (const c of CONCEPTS) {
    const hit = c.match?.find((m) => (m.value !== undefined) === byValue && matchApplies(m, k));
    if (!hit) continue;
    add(out.intro, c.papers);
    out.concepts.push(c);
    out.selects ||= !hit.tunes;
  }
  return out;
}

/** Papers that reuse the PEFT type a paper introduced (QLoRA, DoRA, PiSSA … for LoRA). */
function variantsOf(paperId: string): string[] {
  const types = configMentions().filter((m) => m.paper === paperId && m.key === 'peft_type' && m.introduces).map((m) => m.value);
  return configMentions().filter((m) => m.key === 'peft_type' && !m.introduces && types.includes(m.value)).map((m) => m.paper);
}

function mentionApplies(m: ConfigMention, k: KeyContext): boolean {
  if (m.key !== k.key || (m.format && m.format !== k.format)) return false;
  if (m.peftType && k.peftType && m.peftType !== k.peftType.toUpperCase()) return false;
  if (m.value === undefined) return true;
  const v = typeof k.value === 'string' ? k.value.toLowerCase() : undefined;
  const want = m.value.toLowerCase();
  return v !== undefined && (want.endsWith('_') ? v.startsWith(want) : v === want);
}

function matchApplies(m: ConceptMatch, k: KeyContext): boolean {
  if (m.format && m.format !== k.format) return false;
  if (typeof m.key === 'string' ? m.key !== k.key : !m.key.test(k.key)) return false;
  if (m.value === undefined) return true;
  if (typeof k.value !== 'string') return false;
  return typeof m.value === 'string' ? m.value === k.value.toLowerCase() : m.value.test(k.value);
}

/** Markdown for a hover: the introducing papers with why they matter, then a short related list. */
export function paperMarkdown(docs: PaperDocs): string {
  const lines: string[] = [];
  for (const p of docs.papers) lines.push(`📄 [${p.title}](${p.url})${p.year ? ` (${p.year})` : ''}${p.why ? ` — ${p.why}` : ''}`);
  if (docs.related.length) {
    if (lines.length) lines.push('');
    lines.push('**Related research**');
    for (const p of docs.related.slice(0, RELATED_IN_HOVER)) lines.push(`- [${p.title}](${p.url})${p.year ? ` (${p.year})` : ''}`);
    if (docs.related.length > RELATED_IN_HOVER) lines.push(`- …and ${docs.related.length - RELATED_IN_HOVER} more`);
  }
  return lines.join('\n');
}
