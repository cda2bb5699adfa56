/**
 * Keys the run never reads: a top-level key whose `x-read-when` condition fails for this file (a
 * LoRA option in a full fine-tune, a DPO option in an SFT run). Whatever its value, the tool does not
 * look at it, so a wrong type, range or null there is only a hint.
 */
import type { Node } from '../parse/tree';
import { findEntry, toValue } from '../parse/tree';
import { truthy } from '../rules/rule';
import type { JsonSchema } from './types';

/** Why `key` is never read (`` `finetuning_type: full` ``), or undefined when it is read or has no condition. */
export function unreadBecause(root: Node, schema: JsonSchema, key: string): string | undefined {
  const when = schema.properties?.[key]?.['x-read-when'];
  if (!when || root.kind !== 'map') return undefined;
  for (const [other, allowed] of Object.entries(when)) {
    const entry = findEntry(root, other);
    const value = entry?.value ? toValue(entry.value) : schema.properties?.[other]?.default;
    const holds = allowed.some((a) => (a === true ? truthy(value) : a === value));
    if (!holds) return `\`${other}: ${value === undefined || value === null ? 'null' : String(value)}\``;
  }
  return undefined;
}
