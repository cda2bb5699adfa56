/**
 * What the vision-language families share: reading a nested sub-config (`text_config`,
 * `vision_config`) with its class defaults, and putting the language model's head on.
 */
import type { ConfigReader as Reader } from '../configReader';
import { ConfigReader } from '../configReader';
import type { Inventory } from '../inventory';

/** `cfg[key]` as a reader of its own, keys recorded as `key.name`; an absent key reads as all defaults. */
export function nested(cfg: Reader, key: string, defaults: Record<string, unknown>): ConfigReader {
  const raw = cfg.raw[key];
  return new ConfigReader(raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}, defaults, `${key}.`);
}

/**
 * The text config: `text_config` when the file has one, else the top level (Qwen2-VL and Qwen2.5-VL
 * checkpoints keep the language model's numbers there, and transformers 5 reads them from it).
 */
export function textConfig(cfg: Reader, defaults: Record<string, unknown>): ConfigReader {
  const raw = cfg.raw.text_config;
  if (raw && typeof raw === 'object') return nested(cfg, 'text_config', defaults);
  return new ConfigReader(cfg.raw, defaults);
}

/**
 * tie_word_embeddings of a composite model: the text config's when it sets one, else the top
 * level's, else the class default.
 */
export function tiedEmbeddings(cfg: Reader, text: Reader, fallback: boolean): boolean {
  const own = text.raw.tie_word_embeddings;
  if (typeof own === 'boolean') return text.bool('tie_word_embeddings', fallback);
  return cfg.bool('tie_word_embeddings', fallback);
}

/** lm_head on the language model's embeddings, tied or its own matrix; returns its name. */
export function addLmHead(inv: Inventory, name: string, embed: string, hidden: number, vocab: number, tie: boolean): string {
  if (tie) inv.tied(name, embed, 'Linear', hidden, vocab);
  else inv.linear(name, hidden, vocab, false);
  return name;
}

/** Records what the nested readers read on the top-level reader, once each, for hover. */
export function recordReads(cfg: Reader, ...readers: Reader[]): void {
  for (const r of readers) for (const key of r.used) if (!cfg.used.includes(key)) cfg.used.push(key);
}
