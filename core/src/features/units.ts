/** Numbers as people read them in hovers, lenses and tables: 6.8M parameters, 18.4 GiB. */

const GIB = 1024 ** 3;

export function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(bytes < 10 * GIB ? 2 : 1)} GiB`;
}

/** 6,815,744 → "6.8M"; small counts stay exact. */
export function shortCount(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, suffix] of units) if (Math.abs(n) >= size) return `${(n / size).toFixed(n / size >= 100 ? 0 : 1)}${suffix}`;
  return String(n);
}

export function exactCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Trainable share in percent with enough digits to tell LoRA ranks apart (0.0123%). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

export function percentText(p: number): string {
  return `${p >= 1 ? p.toFixed(2) : p >= 0.01 ? p.toFixed(3) : p.toPrecision(2)}%`;
}

/** A fixed-width bar of block characters for a fraction in [0, 1]. */
export function bar(fraction: number, width = 20): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.floor(f * width);
  const partial = f * width - full >= 0.5 ? 1 : 0;
  return '█'.repeat(full) + '▌'.repeat(partial) + '░'.repeat(width - full - partial);
}
