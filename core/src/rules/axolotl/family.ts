/**
 * The shape every axolotl rule family shares: a table of codes and a list of small checks that read
 * the raw config the way axolotl's validators do (before defaults are applied, with Python truthiness)
 * and report at exact spans, with quick fixes (rules/fixes.ts) where the repair is unambiguous.
 */
import type { Path } from '../../parse/tree';
import type { Fix, Issue, Severity } from '../../types';
import type { Rule, RuleContext } from '../rule';
import { Reporter, truthy, valueAt } from '../rule';

export type Check = (c: AxolotlConfig) => void;

export function ruleFamily(codes: Record<string, string>, checks: Check[]): Rule {
  return {
    codes,
    check(ctx: RuleContext): Issue[] {
      const c = new AxolotlConfig(ctx, codes);
      for (const check of checks) check(c);
      return c.reporter.issues;
    },
  };
}

type Where = 'key' | 'value';

export class AxolotlConfig {
  readonly reporter: Reporter;
  constructor(
    readonly ctx: RuleContext,
    private readonly codes: Record<string, string>,
  ) {
    this.reporter = new Reporter(ctx);
  }

  /** The raw value at a key or path, as `yaml.safe_load` gives it. */
  get(path: string | Path): unknown {
    return valueAt(this.ctx.config, typeof path === 'string' ? [path] : path);
  }

  /** Python truthiness of a value, which is how axolotl's validators test options (`data.get(x)`). */
  on(path: string | Path): boolean {
    return truthy(this.get(path));
  }

  /** Present with a value other than null (`data.get(x) is not None`). */
  set(path: string | Path): boolean {
    const v = this.get(path);
    return v !== undefined && v !== null;
  }

  str(path: string | Path): string | undefined {
    const v = this.get(path);
    return typeof v === 'string' ? v : undefined;
  }

  /** A boolean as pydantic's lax mode reads it (validators that run after parsing see this), else undefined. */
  bool(path: string | Path): boolean | undefined {
    const v = this.get(path);
    if (typeof v === 'boolean') return v;
    if (v === 0 || v === 1) return v === 1;
    if (typeof v === 'string' && /^(true|t|yes|y|on|1)$/i.test(v)) return true;
    if (typeof v === 'string' && /^(false|f|no|n|off|0)$/i.test(v)) return false;
    return undefined;
  }

  /** Numbers as pydantic reads them: numeric strings and booleans count. */
  num(path: string | Path): number | undefined {
    const v = this.get(path);
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return undefined;
  }

  /** First key of `keys` that is truthy, for reporting at the option that is actually on. */
  firstOn(keys: string[]): string | undefined {
    return keys.find((k) => this.on(k));
  }

  error(code: string, message: string, path: string | Path, where: Where = 'key', fixes?: (Fix | undefined)[]): void {
    this.report(code, 'error', message, path, where, fixes);
  }

  /** An error axolotl's config check does not raise: the run fails on it later (loading the model, building the trainer). */
  runError(code: string, message: string, path: string | Path, where: Where = 'key', fixes?: (Fix | undefined)[]): void {
    this.report(code, 'error', message, path, where, fixes, 'run');
  }

  warn(code: string, message: string, path: string | Path, where: Where = 'key', fixes?: (Fix | undefined)[]): void {
    this.report(code, 'warning', message, path, where, fixes);
  }

  info(code: string, message: string, path: string | Path, where: Where = 'key', fixes?: (Fix | undefined)[]): void {
    this.report(code, 'info', message, path, where, fixes);
  }

  private report(code: string, severity: Severity, message: string, path: string | Path, where: Where, fixes?: (Fix | undefined)[], stage?: Issue['stage']): void {
    if (!(code in this.codes)) throw new Error(`undeclared axolotl rule code ${code}`);
    this.reporter.report(code, severity, message, typeof path === 'string' ? [path] : path, where, fixes, stage);
  }
}
