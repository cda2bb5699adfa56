/**
 * Cross-field rules: what a JSON Schema cannot say, ported from the tools' own validators. One file
 * per rule family; each rule reads the plain config and reports issues at exact spans.
 */
import type { ConfigDoc } from '../document';
import type { Architecture } from '../models/types';
import type { Entry, MapNode, Node, Path } from '../parse/tree';
import { getEntry, getNode } from '../parse/tree';
import type { Fix, Issue, Severity, Span } from '../types';
import type { Stack } from '../versions/stack';

export interface RuleContext {
  doc: ConfigDoc;
  root: MapNode;
  /** Plain value of the whole document (what the tool's loader would see). */
  config: Record<string, unknown>;
  /** The resolved base model, when it could be resolved (model-aware rules skip otherwise). */
  model?: Architecture;
  /** The releases the file runs on (versions/stack.ts); rules whose facts depend on a release read it. */
  stack?: Stack;
}

export interface Rule {
  /** Stable codes this rule may report, with a one-line summary each (for docs and SARIF). */
  codes: Record<string, string>;
  check(ctx: RuleContext): Issue[];
}

/** Builds issues at a path: on the key (default) or the value; falls back to the nearest ancestor. */
export class Reporter {
  readonly issues: Issue[] = [];
  constructor(private readonly ctx: RuleContext) {}

  /**
   * `fixes` may hold undefined for a fix that does not apply here (e.g. removing a key that is not written);
   * `stage` marks a problem the run meets after the tool has accepted the config (Issue.stage).
   */
  report(code: string, severity: Severity, message: string, path: Path, where: 'key' | 'value' = 'key', fixes?: (Fix | undefined)[], stage?: Issue['stage']): void {
    const offered = (fixes ?? []).filter((f): f is Fix => f !== undefined);
    this.issues.push({ code, severity, message, span: spanOf(this.ctx.root, path, where), ...(offered.length ? { fixes: offered } : {}), ...(stage ? { stage } : {}) });
  }
}

export function spanOf(root: Node, path: Path, where: 'key' | 'value' = 'key'): Span {
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const entry: Entry | undefined = getEntry(root, sub);
    if (entry) return where === 'value' && entry.value && n === path.length ? entry.value.span : entry.key.span;
    const node = getNode(root, sub);
    if (node) return node.span;
  }
  return { start: root.span.start, end: root.span.start };
}

/** Value at a path of a plain config object. */
export function valueAt(config: unknown, path: Path): unknown {
  let v: unknown = config;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * Where to report a condition on `key`: on the key when the file writes it (even as null), else on
 * `anchor`, the key that requires it.
 */
export function writtenOr(config: Record<string, unknown>, key: string, anchor: string): Path {
  return config[key] !== undefined ? [key] : [anchor];
}

/** A top-level option that is on, by Python truthiness (`if args.x:`). */
export function isOn(ctx: RuleContext, key: string): boolean {
  return truthy(ctx.config[key]);
}

/** A top-level key written with a value other than null (`args.x is not None`). */
export function isSet(ctx: RuleContext, key: string): boolean {
  return ctx.config[key] !== undefined && ctx.config[key] !== null;
}

/** The keys of `keys` that are set (see isSet), in the order given. */
export function present(ctx: RuleContext, keys: string[]): string[] {
  return keys.filter((k) => isSet(ctx, k));
}

/** Python truthiness, which is how the tools test most options (`if cfg.adapter:`). */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return v !== undefined && v !== null && v !== false && v !== 0 && v !== '';
}

export function runRules(rules: Rule[], ctx: RuleContext): Issue[] {
  return rules.flatMap((rule) => rule.check(ctx));
}
