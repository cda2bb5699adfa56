/**
 * Format-specific hover text that replaces the schema section where a format knows more than its
 * schema (torchtune's component catalog for `_component_` paths and their arguments). Papers, the
 * model and the estimate sections are still added after it. A format adds its provider with one line.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { torchtuneHover } from '../formats/torchtune/editor';
import type { HoverResult } from './hover';

export type HoverProvider = (doc: ConfigDoc, offset: number, ctx: Context) => HoverResult | null | Promise<HoverResult | null>;

export const HOVER_PROVIDERS: HoverProvider[] = [
  // torchtune: `_component_` paths and their arguments, from the component catalog.
  (doc, offset) => (doc.format === 'torchtune' ? torchtuneHover(doc, offset) : null),
];
