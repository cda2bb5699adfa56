/**
 * Reads config.json numbers the way the transformers config class would: the file's value when it
 * has one, else the class default. Every read is recorded, so hover can say what a count came from.
 */

export class ModelConfigError extends Error {}

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
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (fallback !== undefined) return fallback;
    const name = typeof keys === 'string' ? keys : keys.join('/');
    throw new ModelConfigError(`config.json has no usable \`${this.prefix}${name}\``);
  }

  /** A number the file may leave out or set to null, in which case `derived` applies (head_dim, n_inner). */
  optNum(keys: string | string[]): number | undefined {
    const v = this.value(keys);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
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
