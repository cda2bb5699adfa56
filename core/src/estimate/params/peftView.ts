/**
 * Read access to the PEFT adapter config a plan amounts to, with each tuner's defaults, recording
 * which keys (or defaults) a count used so hover can say "computed from r=8, target_modules=...".
 */
import type { Severity } from '../../types';

export interface PeftFinding {
  code: string;
  severity: Severity;
  message: string;
  /** The PEFT key the finding is about (its span is where check reports it). */
  key?: string;
  /** One entry of the key's list the finding is about (reported at that entry when the file has it). */
  entry?: string;
  /** What the entry should probably read (offered as the quick fix). */
  replacement?: string;
}

export class PeftView {
  readonly used: string[] = [];
  /** What the selection took from PEFT's or the tool's defaults rather than from the config (also in `used`). */
  readonly assumed: string[] = [];
  private readonly noted = new Set<string>();

  constructor(readonly raw: Record<string, unknown>) {}

  /** Upper-case PEFT type (`LORA`), or undefined when the config has none. */
  get peftType(): string | undefined {
    const t = this.raw.peft_type;
    return typeof t === 'string' ? t.toUpperCase() : undefined;
  }

  get taskType(): string | undefined {
    const t = this.raw.task_type;
    return typeof t === 'string' ? t.toUpperCase() : undefined;
  }

  /** Present and not null (PEFT treats null like absent for every key we read). */
  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  value(key: string, fallback?: unknown): unknown {
    const present = this.has(key);
    if (!this.noted.has(key) && (present || fallback !== undefined)) {
      this.noted.add(key);
      this.note(present ? `${key}=${short(this.raw[key])}` : `${key}=${short(fallback)} (default)`);
    }
    return present ? this.raw[key] : fallback;
  }

  num(key: string, fallback: number): number {
    const v = this.value(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.value(key, fallback);
    return typeof v === 'boolean' ? v : fallback;
  }

  str(key: string, fallback: string): string {
    const v = this.value(key, fallback);
    return typeof v === 'string' ? v : fallback;
  }

  /** A `{pattern: value}` dict (rank_pattern, alpha_pattern, n_frequency_pattern, ...). */
  patterns(key: string): Record<string, unknown> {
    const v = this.raw[key];
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) return {};
    if (!this.noted.has(key)) {
      this.noted.add(key);
      this.note(`${key}=${short(v)}`);
    }
    return v as Record<string, unknown>;
  }

  note(entry: string): void {
    if (!this.used.includes(entry)) this.used.push(entry);
  }

  /** A note about something the config did not say, which readers of the selection (memory) repeat. */
  assume(entry: string): void {
    this.note(entry);
    if (!this.assumed.includes(entry)) this.assumed.push(entry);
  }
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Python's repr of a set or list of strings, as PEFT's messages print them. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `{${v.map(pyRepr).join(', ')}}`;
  return String(v);
}
