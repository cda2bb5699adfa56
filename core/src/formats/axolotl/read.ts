/** How the axolotl extraction reads a config: the plain mapping, and any value with its span. */
import type { ConfigDoc } from '../../document';
import type { Path } from '../../parse/tree';
import type { Sourced } from '../../plan';
import { sourced } from '../extractHelpers';

export type Config = Record<string, unknown>;

const notNull = (v: unknown): v is unknown => v !== undefined && v !== null;

/** The value at `path` with its span, whatever its type, or undefined when absent or null. */
export function at(doc: ConfigDoc, ...path: Path): Sourced<unknown> | undefined {
  return sourced(doc, path, notNull);
}
