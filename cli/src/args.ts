/** Command-line parsing for `peft-lens`: a command, positional paths, and typed flags. */

export class UsageError extends Error {}

export interface FlagSpec {
  /** 'bool' flags take no value; '--no-x' sets a bool flag false. Repeatable flags collect a list. */
  type: 'bool' | 'string' | 'int' | 'list';
  values?: readonly string[];
  /** The largest value an 'int' flag takes (a 400-digit --batch would otherwise become Infinity). */
  max?: number;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | number | boolean | string[]>;
}

export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const negated = rawName.startsWith('no-') && specs[rawName.slice(3)]?.type === 'bool';
    const name = negated ? rawName.slice(3) : rawName;
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${rawName}`);
    if (spec.type === 'bool') {
      if (inline !== undefined) throw new UsageError(`--${rawName} takes no value`);
      out.flags[name] = !negated;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (spec.values && !spec.values.includes(value)) throw new UsageError(`--${name} must be one of ${spec.values.join(', ')} (got "${value}")`);
    if (spec.type === 'int') {
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      if (!/^\d{1,16}$/.test(value) || Number(value) < 1 || Number(value) > max) {
        throw new UsageError(`--${name} needs a whole number from 1 to ${max} (got "${value.length > 24 ? `${value.slice(0, 20)}…` : value}")`);
      }
      out.flags[name] = Number(value);
    } else if (spec.type === 'list') {
      out.flags[name] = [...((out.flags[name] as string[] | undefined) ?? []), value];
    } else out.flags[name] = value;
  }
  return out;
}
