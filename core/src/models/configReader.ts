/**
 * Reads config.json numbers the way the transformers config class would: the file's value when it
 * has one, else the class default. Every read is recorded, so hover can say what a count came from.
 */

export class ModelConfigError extends Error {}

/**
 * Every number a family reads counts something (layers, heads, features, tokens), so it must be a
 * whole number within what a real model has; checked at the read, before any module is built (a
 * `num_hidden_layers: 1e12` would otherwise build a trillion layers). The ceilings are far above
 * any published config: about 8x the largest layer and expert counts (Llama 3.1 405B: 126 layers;
 * Kimi K2: 384 experts) and 16x the largest widths and vocabularies (hidden 25,600, vocab 262,144).
 */
const BOUNDS: [RegExp, number, number][] = [
  // DeBERTa-v2 writes -1 for "no limit" in both.
  [/^(max_relative_positions|position_buckets)$/, -1, 2 ** 24],
  // Gemma 4's count of layers that reuse earlier keys and values is 0 where none do.
  [/^num_kv_shared_layers$/, 0, 1024],
  [/(^|_)(layers|n_layer)$/, 1, 1024],
  [/(^|_)(experts|experts_per_tok)$/, 0, 4096],
  [/(^|_)(heads|n_head|num_kv_heads)$/, 1, 2 ** 16],
  [/(^|_)(positions|embeddings)$/, 1, 2 ** 28],
  [/^(hidden_size|n_embd|n_embed|d_model|vocab_size|head_dim|d_kv|intermediate_size|moe_intermediate_size|d_ff|ffn_dim|n_inner|ffn_hidden_size|patch_size|image_size|num_channels)$/, 1, 2 ** 22],
];
const DEFAULT_BOUNDS: [number, number] = [0, 2 ** 22];

function boundsOf(key: string): [number, number] {
  const hit = BOUNDS.find(([pattern]) => pattern.test(key));
  return hit ? [hit[1], hit[2]] : DEFAULT_BOUNDS;
}

export class ConfigReader {
  readonly used: string[] = [];

  constructor(
    readonly raw: Record<string, unknown>,
    private readonly defaults: Record<string, unknown>,
    /** Prefix for recorded key names (`text_config.` for a nested config). */
    private readonly prefix = '',
  ) {}

  /** The first of `keys` the file sets (aliases such as n_embd/hidden_size), else the class default. */
  value(keys: string | string[]): unknown {
    const list = typeof keys === 'string' ? [keys] : keys;
    for (const key of list) {
      const v = this.raw[key];
      if (v !== undefined && v !== null) {
        this.note(`${this.prefix}${key}`);
        return v;
      }
    }
    for (const key of list) {
      if (key in this.defaults && this.defaults[key] !== null && this.defaults[key] !== undefined) {
        this.note(`${this.prefix}${key} (default ${JSON.stringify(this.defaults[key])})`);
        return this.defaults[key];
      }
    }
    return undefined;
  }

  num(keys: string | string[], fallback?: number): number {
    const v = this.value(keys);
    if (typeof v === 'number') return this.bounded(keys, v);
    if (fallback !== undefined) return fallback;
    const name = typeof keys === 'string' ? keys : keys.join('/');
    throw new ModelConfigError(`config.json has no usable \`${this.prefix}${name}\``);
  }

  /** A number the file may leave out or set to null, in which case `derived` applies (head_dim, n_inner). */
  optNum(keys: string | string[]): number | undefined {
    const v = this.value(keys);
    return typeof v === 'number' ? this.bounded(keys, v) : undefined;
  }

  /** The number, or a ModelConfigError naming the key (never the file's value: it may be a foreign file). */
  private bounded(keys: string | string[], v: number): number {
    const key = this.keyRead(keys);
    const [min, max] = boundsOf(key);
    if (Number.isInteger(v) && v >= min && v <= max) return v;
    throw new ModelConfigError(`config.json's \`${this.prefix}${key}\` is not a whole number from ${min} to ${max.toLocaleString('en-US')}, so it describes no real model`);
  }

  /** Which of the aliases the value came from (the file's, else the default's). */
  private keyRead(keys: string | string[]): string {
    const list = typeof keys === 'string' ? [keys] : keys;
    return list.find((k) => this.raw[k] !== undefined && this.raw[k] !== null) ?? list.find((k) => this.defaults[k] != null) ?? list[0];
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.value(key);
    return typeof v === 'boolean' ? v : fallback;
  }

  str(key: string, fallback: string): string {
    const v = this.value(key);
    return typeof v === 'string' ? v : fallback;
  }

  list(key: string): unknown[] {
    const v = this.value(key);
    return Array.isArray(v) ? v : [];
  }

  private note(entry: string): void {
    if (!this.used.includes(entry)) this.used.push(entry);
  }
}

/** `num_labels` the way PretrainedConfig derives it: from id2label when present, else 2. */
export function numLabels(cfg: ConfigReader): number {
  const id2label = cfg.raw.id2label;
  if (id2label && typeof id2label === 'object') return Object.keys(id2label).length;
  return cfg.num('num_labels', 2);
}
