/**
 * The part of JSON Schema (draft-07) our schemas use, plus the editor keywords VS Code understands
 * (markdownDescription, defaultSnippets, deprecationMessage) and our own `x-` keywords.
 */
import type { Severity } from '../types';

export interface JsonSchema {
  $id?: string;
  $schema?: string;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  deprecated?: boolean;
  deprecationMessage?: string;
  defaultSnippets?: { label?: string; description?: string; body: unknown; bodyText?: string }[];
  /** Replacement key for a deprecated key (enables a rename quick fix). */
  'x-replaced-by'?: string;
  /** Severity for any problem with this property, when it differs from the format's default. */
  'x-severity'?: Severity;
  /** Message used instead of the generic one for problems with this property. */
  'x-message'?: string;
  /** Identifiers of papers (arXiv ids) that introduced what this key or value selects. */
  'x-papers'?: string[];
  /** Per enum value: a description and papers, for hover and completion on values. */
  'x-enum-docs'?: Record<string, { description?: string; papers?: string[] }>;
  /**
   * When the tool reads a top-level key at all: every named key must hold one of the listed values
   * (`true`: any truthy value); a missing key counts as its schema default. A problem with a key the
   * run never reads cannot stop it, so it is a hint.
   */
  'x-read-when'?: Record<string, unknown[]>;
  /**
   * A boolean the tool only tests for truthiness before its type check, and then drops (axolotl 0.18's
   * legacy attention flags): any value is accepted and read as true or false, so a non-boolean is a
   * warning saying what it reads as.
   */
  'x-truth-tested'?: string;
  /** Compared by identity (`x is False`), so 0/1 do not stand in for false/true as they do elsewhere. */
  'x-identity-test'?: boolean;
  /**
   * For an enum the tool only compares against some of its values: what any other string behaves as
   * (`{"value": "auto", "because": "…"}`).
   */
  'x-other-values'?: { value: string; because: string };
  /**
   * For a bound or enum the tool's start-up validation does not enforce, per keyword (`minimum`,
   * `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `enum`): what the run does with such a value.
   * `refused: true`: the run fails later (an error with stage `run`, `because` says where);
   * `refused: false`: the run goes on (a warning, `because` says what it does instead). Each names
   * the release where it holds.
   */
  'x-checked-later'?: Partial<Record<string, { refused: boolean; because: string }>>;
  /** The release that introduced the key (e.g. "PEFT 0.14"). */
  'x-since'?: string;
  /**
   * What a string value points at, for document links and go-to-definition: a model (Hub id or local folder
   * with its config.json), an adapter (Hub id or folder with adapter_config.json), a dataset (Hub id or local
   * path) or a local file.
   */
  'x-reference'?: 'model' | 'adapter' | 'dataset' | 'file';
  [key: `x-${string}`]: unknown;
}
