/**
 * The issue for one ajv error: its stable code (by keyword), its severity (the format's policy or the
 * property's `x-severity`), a message that says what the tool does with the value, and the quick
 * fixes a misspelling allows.
 */
import type { ErrorObject } from 'ajv';
import { yamlScalar } from '../edits';
import type { Entry, Node } from '../parse/tree';
import { findEntry, keyText } from '../parse/tree';
import { truthy } from '../rules/rule';
import type { Fix, Issue, Severity, Span } from '../types';
import { alternatives, knownKeys } from './lookup';
import { didYouMean, suggest, suggestionFixes } from './suggest';
import type { JsonSchema } from './types';
import type { ValidationOptions } from './validationOptions';
import { acceptedByLoader } from './validationOptions';
import { alternativesWords, jsonType, typeWords, valueWords } from './words';

/** Where an error's instance path leads in the tree: the node, and the entry that holds it. */
export interface Target {
  node: Node | null;
  entry?: Entry;
}

/** What every keyword's issue needs: the error, where it points, and the schema context. */
interface ErrorSite {
  err: ErrorObject;
  target: Target;
  /** The schema of the failing keyword (its `x-message`, `x-severity`, alternatives). */
  sub: JsonSchema;
  root: Node;
  schema: JsonSchema;
  opts: ValidationOptions;
  /** "`key`", or "This value" for a list item or the root. */
  name: string;
  valueSpan: Span;
}

export function schemaIssue(err: ErrorObject, target: Target, root: Node, schema: JsonSchema, opts: ValidationOptions): Issue | undefined {
  const sub = (err.parentSchema ?? {}) as JsonSchema;
  const name = target.entry ? `\`${keyText(target.entry)}\`` : 'This value';
  const valueSpan = target.node?.span ?? target.entry?.key.span ?? root.span;
  const site: ErrorSite = { err, target, sub, root, schema, opts, name, valueSpan };
  const custom = sub['x-message'];
  const severity = (fallback: Severity): Severity => sub['x-severity'] ?? fallback;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const holder = target.node?.kind === 'map' ? findEntry(target.node, key) : undefined;
      return holder ? unknownKey(holder, schema, err.instancePath, opts) : undefined;
    }
    case 'deprecated':
      return deprecatedKey(site, severity('warning'));
    case 'type': {
      const expected = String((err.params as { type: string }).type);
      // Before the loader's leniency: a truth-tested flag never reaches the loader's conversion.
      const tested = truthTestedIssue(site);
      if (tested) return tested;
      if (acceptedByLoader(expected, err.data, opts)) return undefined;
      const truthValue = truthValueIssue(site, expected);
      if (truthValue) return truthValue;
      const message = custom ?? `${name} must be ${typeWords(expected)}, not ${valueWords(err.data)}. ${opts.tool} would reject or misread it.`;
      return { code: 'schema/wrong-type', severity: severity(opts.typeSeverity), message, span: valueSpan };
    }
    case 'enum':
    case 'const':
      return checkedLater(site, notAllowed(site, severity('error')));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const p = err.params as { comparison: string; limit: number };
      const message = custom ?? `${name} must be ${p.comparison} ${p.limit}, but is ${valueWords(err.data)}.`;
      return checkedLater(site, { code: 'schema/out-of-range', severity: severity('error'), message, span: valueSpan });
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      const span = target.entry?.key.span ?? firstKeySpan(root);
      const message = custom ?? `Missing required key \`${missing}\`${target.entry ? ` in ${name}` : ''}: ${opts.tool} cannot start without it.`;
      return { code: 'schema/missing-key', severity: severity('error'), message, span };
    }
    case 'anyOf':
    case 'oneOf':
      return noAlternative(site, severity);
    case 'not':
      return { code: 'schema/invalid-value', severity: severity('error'), message: custom ?? `${name} has a value ${opts.tool} does not accept.`, span: valueSpan };
    default:
      return { code: 'schema/invalid-value', severity: severity('error'), message: custom ?? `${name} ${err.message ?? 'is invalid'}.`, span: valueSpan };
  }
}

/**
 * A bound or enum the tool's start-up validation lets through (`x-checked-later`): an error the run
 * meets later, or a warning when the run copes; either way the message says which.
 */
function checkedLater({ err, sub, opts }: ErrorSite, issue: Issue): Issue {
  const later = sub['x-checked-later']?.[err.keyword];
  if (!later || issue.severity !== 'error') return issue;
  if (later.refused) return { ...issue, stage: 'run', message: `${issue.message} ${opts.tool}'s config check lets it through, but ${later.because}.` };
  return { ...issue, severity: 'warning', message: `${issue.message} ${opts.tool} does not refuse it: ${later.because}.` };
}

function unknownKey(holder: Entry, schema: JsonSchema, instancePath: string, opts: ValidationOptions): Issue {
  const path = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const key = keyText(holder);
  const near = suggest(key, keysAt(schema, instancePath, path));
  return {
    code: 'schema/unknown-key',
    severity: opts.unknownKeySeverity,
    message: `Unknown key \`${key}\`: ${opts.unknownKeyEffect}.${didYouMean(near)}`,
    span: holder.key.span,
    fixes: suggestionFixes(near, holder.key.span),
  };
}

// The keys a schema allows at a path, kept per schema: every unknown key at that path asks again.
const keyCache = new WeakMap<JsonSchema, Map<string, string[]>>();
function keysAt(schema: JsonSchema, instancePath: string, path: (string | number)[]): string[] {
  let perSchema = keyCache.get(schema);
  if (!perSchema) keyCache.set(schema, (perSchema = new Map()));
  let keys = perSchema.get(instancePath);
  if (!keys) perSchema.set(instancePath, (keys = [...knownKeys(schema, path).keys()]));
  return keys;
}

function deprecatedKey({ target, sub, opts, name, valueSpan }: ErrorSite, severity: Severity): Issue {
  const keySpan = target.entry?.key.span ?? valueSpan;
  const replacement = sub['x-replaced-by'];
  const fixes: Fix[] = replacement ? [{ title: `Rename to \`${replacement}\``, edits: [{ span: keySpan, newText: replacement }], preferred: true }] : [];
  const why = sub.deprecationMessage ?? (replacement ? `use \`${replacement}\` instead.` : `${opts.tool} may drop it in a future release.`);
  return { code: 'schema/deprecated-key', severity, message: `${name} is deprecated: ${why}`, span: keySpan, fixes };
}

/**
 * A number for a boolean option, where the loader keeps it as written and the tool only asks whether
 * it is truthy: it works, so a hint with the boolean it stands for; unless the tool compares the
 * option by identity (`is False`), where 0 is not false.
 */
function truthValueIssue({ err, sub, opts, name, valueSpan }: ErrorSite, expected: string): Issue | undefined {
  if (!opts.lenient?.truthiness || typeof err.data !== 'number' || !/^(boolean)(,null)?$|^null,boolean$/.test(expected.replace(/\s/g, ''))) return undefined;
  const meant = err.data !== 0;
  const fixes: Fix[] = [{ title: `Change to \`${meant}\``, edits: [{ span: valueSpan, newText: String(meant) }], preferred: true }];
  if (sub['x-identity-test']) {
    return { code: 'schema/wrong-type', severity: opts.typeSeverity, message: `${name} must be \`true\` or \`false\`: ${opts.tool} compares it by identity (\`is ${meant ? 'True' : 'False'}\`), so ${err.data} does not count as ${meant}.`, span: valueSpan, fixes };
  }
  return { code: 'schema/truth-value', severity: 'hint', message: `${name} is a boolean; ${err.data} works, since ${opts.tool} keeps the value as written and only tests whether it is truthy (it reads as ${meant}). Write \`${meant}\`.`, span: valueSpan, fixes };
}

/**
 * A flag the tool reads only as truthy or falsy before any type check (`x-truth-tested` says what it
 * then does with it): the value works, but a word may not mean what it says (`"false"` reads as true).
 */
function truthTestedIssue({ err, sub, name, valueSpan }: ErrorSite): Issue | undefined {
  const effect = sub['x-truth-tested'];
  if (!effect) return undefined;
  const meant = truthy(err.data);
  const fixes: Fix[] = [{ title: `Change to \`${meant}\``, edits: [{ span: valueSpan, newText: String(meant) }], preferred: true }];
  // A word may say the opposite of what it reads as (`"false"`); a number reads as it usually does.
  return { code: 'schema/truth-value', severity: typeof err.data === 'string' ? 'warning' : 'hint', message: `${name} is a boolean, but ${effect}, so ${valueWords(err.data)} reads as ${meant}. Write \`${meant}\`.`, span: valueSpan, fixes };
}

/** A value outside an enum or const. */
function notAllowed({ err, target, sub, opts, name, valueSpan }: ErrorSite, severity: Severity): Issue {
  const other = sub['x-other-values'];
  if (other && typeof err.data === 'string') {
    const fixes: Fix[] = [{ title: `Change to \`${other.value}\``, edits: [{ span: valueSpan, newText: other.value }], preferred: true }];
    return { code: 'schema/value-read-as', severity: 'hint', message: `${name} is not one of its documented values, but ${other.because}, so \`${String(err.data)}\` behaves like \`${other.value}\`. Write \`${other.value}\`.`, span: valueSpan, fixes };
  }
  const allowed = err.keyword === 'enum' ? (err.params as { allowedValues: unknown[] }).allowedValues : [(err.params as { allowedValue: unknown }).allowedValue];
  const near = typeof err.data === 'string' ? suggest(err.data, allowed.filter((v): v is string => typeof v === 'string')) : [];
  const list = allowed.slice(0, 12).map((v) => `\`${String(v)}\``).join(', ') + (allowed.length > 12 ? ', …' : '');
  const hint = near.length ? didYouMean(near) : ` Allowed: ${list}.`;
  const message = sub['x-message'] ?? `${name} has an unsupported value ${valueWords(err.data)}; ${opts.tool} would reject it.${hint}`;
  return { code: 'schema/invalid-value', severity, message, span: valueSpan, fixes: valueFixes(near, target.node, valueSpan) };
}

/**
 * A value no branch of an anyOf/oneOf accepts. When some branch takes values of its type (`bias` is a
 * string, and only certain strings are allowed), the value is wrong, not its type.
 */
function noAlternative({ err, target, sub, schema, opts, name, valueSpan }: ErrorSite, severity: (fallback: Severity) => Severity): Issue {
  const branches = alternatives(schema, sub);
  const type = jsonType(err.data);
  const typeFits = branches.some((alt) => {
    const types = acceptedTypes(alt);
    return types.includes(type) || (type === 'integer' && types.includes('number'));
  });
  if (!typeFits) {
    const message = sub['x-message'] ?? `${name} must be ${alternativesWords(sub, schema)}, not ${valueWords(err.data)}.`;
    return { code: 'schema/wrong-type', severity: severity(opts.typeSeverity), message, span: valueSpan };
  }
  const candidates = [...new Set(branches.flatMap((alt) => alt.enum ?? []))].filter((v): v is string => typeof v === 'string');
  const near = typeof err.data === 'string' ? suggest(err.data, candidates) : [];
  const hint = didYouMean(near);
  const message = sub['x-message'] ? `${sub['x-message']}${hint}` : `${name} has an unsupported value ${valueWords(err.data)}; ${opts.tool} would reject it. It must be ${alternativesWords(sub, schema)}.${hint}`;
  return { code: 'schema/invalid-value', severity: severity('error'), message, span: valueSpan, fixes: valueFixes(near, target.node, valueSpan) };
}

/** The types an alternative accepts: its `type`, else what its `enum`/`const` values or string keywords imply. */
function acceptedTypes(s: JsonSchema): string[] {
  if (s.type) return [s.type].flat();
  if (s.enum) return s.enum.map(jsonType);
  if (s.const !== undefined) return [jsonType(s.const)];
  return s.pattern !== undefined || s.minLength !== undefined ? ['string'] : [];
}

/**
 * Fixes that replace a misspelt string value. Only YAML has unquoted strings, and there a value such
 * as `no` must be quoted or PyYAML reads it as false; a quoted value's span is replaced by the bare
 * word (JSON spans leave the quotes out, so they stay).
 */
function valueFixes(near: string[], node: Node | null, span: Span): Fix[] {
  const unquoted = node?.kind === 'scalar' && !node.quoted;
  return suggestionFixes(near, span, undefined, unquoted ? yamlScalar : undefined);
}

function firstKeySpan(root: Node): Span {
  return root.kind === 'map' && root.entries.length ? root.entries[0].key.span : { start: root.span.start, end: root.span.start };
}
