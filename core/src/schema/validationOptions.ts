/**
 * How a format's loader treats what the schema would refuse: the severities it deserves, and the
 * loosely typed values the loader converts on its own (so they are not wrong types to it).
 */
import type { Severity } from '../types';

export interface ValidationOptions {
  /** The tool's name as users know it, for messages ("axolotl", "PEFT"). */
  tool: string;
  /** What the tool does with a key it does not know, completing "Unknown key `x`: …". */
  unknownKeyEffect: string;
  unknownKeySeverity: Severity;
  typeSeverity: Severity;
  /** Loaders that coerce strings (pydantic's lax mode, argparse defaults) accept "8" for 8. */
  lenient?: {
    numericStrings?: boolean;
    booleanStrings?: boolean;
    booleanNumbers?: boolean;
    /**
     * The loader keeps values as written (HfArgumentParser.parse_dict, argparse defaults that are not
     * strings) and the tool tests its boolean options for truthiness: a number there works as its
     * truth value, which deserves a hint rather than an error (keys marked `x-identity-test` aside).
     */
    truthiness?: boolean;
  };
}

/** True when the tool's loader turns `data` into the `expected` JSON Schema type(s) by itself. */
export function acceptedByLoader(expected: string, data: unknown, opts: ValidationOptions): boolean {
  const wantsNumber = /\b(number|integer)\b/.test(expected);
  // pydantic's lax mode reads true/false as 1/0 for numeric fields, and 0/1 as booleans.
  if (typeof data === 'boolean') return wantsNumber && !!opts.lenient?.booleanNumbers;
  if (data === 0 || data === 1) return /\bboolean\b/.test(expected) && !!opts.lenient?.booleanNumbers;
  if (typeof data !== 'string') return false;
  if (wantsNumber && opts.lenient?.numericStrings && data.trim() !== '' && Number.isFinite(Number(data.replace(/_/g, '')))) {
    return !/\binteger\b/.test(expected) || /\bnumber\b/.test(expected) || Number.isInteger(Number(data));
  }
  return /\bboolean\b/.test(expected) && !!opts.lenient?.booleanStrings && /^(true|false|yes|no|on|off|1|0)$/i.test(data);
}
