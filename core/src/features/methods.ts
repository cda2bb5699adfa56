/** The method picker for a document (its format, its current method) or for a format by name. */
import type { ConfigDoc } from '../document';
import type { MethodItem } from '../docs/methods';
import { methodsFor } from '../docs/methods';
import { FORMATS } from '../formats/registry';
import type { FormatId } from '../types';
import { FORMAT_IDS } from '../types';

export interface MethodPicker {
  format: FormatId | null;
  items: MethodItem[];
}

export function methodPicker(target: { doc?: ConfigDoc; format?: string }): MethodPicker {
  const named = FORMAT_IDS.find((f) => f === target.format);
  const format = target.doc?.format ?? named ?? null;
  const current = target.doc?.format && target.doc.root ? FORMATS[target.doc.format].extract(target.doc).method.value : undefined;
  return { format, items: methodsFor(format, current) };
}
