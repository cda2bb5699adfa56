/**
 * The bundled model catalog (core/data/models/*.json, one file per family; see its README): popular
 * Hub ids with their config.json numbers, bundled at build time so estimates work offline, and
 * read on the first look-up. Ids resolve case-insensitively, as the Hub does, and report the
 * canonical spelling.
 */
import { catalogFiles } from './catalogFiles';

export interface CatalogEntry {
  id: string;
  aliases?: string[];
  /** Parameter count of the class the catalog notes name (for tests and sanity checks). */
  total_params: number;
  text_total_params?: number;
  config: Record<string, unknown>;
  /** Multimodal Gemma 3: the effective text config where the Hub's nested text_config leaves out defaults. */
  text_config_resolved?: Record<string, unknown>;
  verified: string;
}

let index: { entries: CatalogEntry[]; byId: Map<string, { entry: CatalogEntry; spelled: string }> } | undefined;

function catalog() {
  if (index) return index;
  const entries = catalogFiles().flatMap((file) => (file as { models: CatalogEntry[] }).models);
  const byId = new Map<string, { entry: CatalogEntry; spelled: string }>();
  for (const entry of entries) {
    for (const id of [entry.id, ...(entry.aliases ?? [])]) byId.set(id.toLowerCase(), { entry, spelled: id });
  }
  return (index = { entries, byId });
}

export function catalogEntries(): readonly CatalogEntry[] {
  return catalog().entries;
}

/** `https://huggingface.co/org/name` and `hf.co/org/name` name the same model as `org/name`. */
export function normalizeHubRef(ref: string): string {
  return ref
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?(huggingface\.co|hf\.co)\//i, '')
    .replace(/\/+$/, '');
}

export function lookupCatalog(ref: string): { entry: CatalogEntry; canonicalId: string } | undefined {
  const hit = catalog().byId.get(normalizeHubRef(ref).toLowerCase());
  return hit ? { entry: hit.entry, canonicalId: hit.spelled } : undefined;
}

const merged = new Map<CatalogEntry, Record<string, unknown>>();

/** The config to build from: for multimodal Gemma 3 the nested text_config gets its resolved values. */
export function catalogConfig(entry: CatalogEntry): Record<string, unknown> {
  if (!entry.text_config_resolved) return entry.config;
  if (!merged.has(entry)) {
    const text = (entry.config.text_config ?? {}) as Record<string, unknown>;
    merged.set(entry, { ...entry.config, text_config: { ...text, ...entry.text_config_resolved } });
  }
  return merged.get(entry)!;
}
