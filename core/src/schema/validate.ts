/**
 * JSON Schema validation of a parsed document with ajv, mapped back to exact spans in the text.
 * ajv validates the plain value of the tree; each error's instance path is walked in the tree to
 * find the key or value to underline, and its keyword decides the stable issue code.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { yamlScalar } from '../edits';
import type { Entry, Node } from '../parse/tree';
import { findEntry, keyText, toValue } from '../parse/tree';
import type { Fix, Issue, Severity, Span } from '../types';
import { alternatives, knownKeys, resolveRef } from './lookup';
import { suggest } from './suggest';
import type { JsonSchema } from './types';

export interface ValidationOptions {
  /** The tool's name as users know it, for messages ("axolotl", "PEFT"). */
  tool: string;
  /** What the tool does with a key it does not know, completing "Unknown key `x`: …". */
  unknownKeyEffect: string;
  unknownKeySeverity: Severity;
  typeSeverity: Severity;
  /** Loaders that coerce strings (pydantic's lax mode, argparse defaults) accept "8" for 8. */
  lenient?: { numericStrings?: boolean; booleanStrings?: boolean; booleanNumbers?: boolean };
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true, validateSchema: false });
// `deprecated` is only an annotation in JSON Schema; as a keyword that fails when present it makes
// ajv report every deprecated key that is actually used, at its exact path.
ajv.removeKeyword('deprecated');
ajv.addKeyword({ keyword: 'deprecated', schemaType: 'boolean', errors: true, validate: (flag: boolean) => !flag });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function compile(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

export function validateAgainstSchema(root: Node | null, schema: JsonSchema, options: ValidationOptions): Issue[] {
  if (!root) return [];
  const validate = compile(schema);
  if (validate(toValue(root))) return [];
  const errors = pruneAlternatives(validate.errors ?? []);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    const issue = toIssue(err, root, schema, options);
    if (!issue) continue;
    const id = `${issue.code}@${issue.span.start}:${issue.span.end}`;
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(issue);
    }
  }
  // A value of the wrong type also fails the enum of its key; the type issue already says it all.
  return issues.filter((i) => i.code !== 'schema/invalid-value' || !seen.has(`schema/wrong-type@${i.span.start}:${i.span.end}`));
}

/**
 * ajv reports every failing branch of an anyOf/oneOf. When one branch fails only deeper inside the
 * value, the value had the right shape for it: keep that branch's errors. Otherwise keep one error
 * for the alternatives as a whole.
 */
function pruneAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const groups = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const group of groups) {
    if (dropped.has(group)) continue;
    const prefix = `${group.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const deeperOnly = [...branches.values()]
      .filter((errs) => errs.every((e) => e.instancePath.length > group.instancePath.length))
      .sort((a, b) => a.length - b.length);
    const keep = deeperOnly[0];
    for (const errs of branches.values()) for (const e of errs) if (errs !== keep) dropped.add(e);
    if (keep) dropped.add(group);
  }
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}

interface Target {
  node: Node | null;
  entry?: Entry;
  parentEntry?: Entry;
}

function walk(root: Node, instancePath: string): Target | undefined {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Node | null = root;
  let entry: Entry | undefined;
  let parentEntry: Entry | undefined;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.kind === 'map') {
      const e = findEntry(node, seg);
      if (!e) return undefined;
      parentEntry = entry;
      entry = e;
      node = e.value;
    } else if (node.kind === 'seq') {
      node = node.items[Number(seg)] ?? null;
    } else return undefined;
  }
  return { node, entry, parentEntry };
}

function toIssue(err: ErrorObject, root: Node, schema: JsonSchema, opts: ValidationOptions): Issue | undefined {
  const target = walk(root, err.instancePath);
  if (!target) return undefined;
  const sub = (err.parentSchema ?? {}) as JsonSchema;
  const name = target.entry ? `\`${keyText(target.entry)}\`` : 'This value';
  const valueSpan = target.node?.span ?? target.entry?.key.span ?? root.span;
  const custom = sub['x-message'];
  const severity = (fallback: Severity): Severity => sub['x-severity'] ?? fallback;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const holder = target.node?.kind === 'map' ? findEntry(target.node, key) : undefined;
      if (!holder) return undefined;
      return unknownKey(holder, schema, err.instancePath, opts);
    }
    case 'deprecated': {
      const keySpan = target.entry?.key.span ?? valueSpan;
      const replacement = sub['x-replaced-by'];
      const fixes: Fix[] = replacement ? [{ title: `Rename to \`${replacement}\``, edits: [{ span: keySpan, newText: replacement }], preferred: true }] : [];
      const why = sub.deprecationMessage ?? (replacement ? `use \`${replacement}\` instead.` : `${opts.tool} may drop it in a future release.`);
      return { code: 'schema/deprecated-key', severity: severity('warning'), message: `${name} is deprecated: ${why}`, span: keySpan, fixes };
    }
    case 'type': {
      const expected = String((err.params as { type: string }).type);
      const data = err.data;
      if (acceptedByLoader(expected, data, opts)) return undefined;
      const message = custom ?? `${name} must be ${typeWords(expected)}, not ${valueWords(data)}. ${opts.tool} would reject or misread it.`;
      return { code: 'schema/wrong-type', severity: severity(opts.typeSeverity), message, span: valueSpan };
    }
    case 'enum':
    case 'const': {
      const allowed = err.keyword === 'enum' ? (err.params as { allowedValues: unknown[] }).allowedValues : [(err.params as { allowedValue: unknown }).allowedValue];
      const candidates = allowed.filter((v): v is string => typeof v === 'string');
      const near = typeof err.data === 'string' ? suggest(err.data, candidates) : [];
      const fixes: Fix[] = near.map((v, i) => ({ title: `Change to \`${v}\``, edits: [{ span: valueSpan, newText: replacementText(target.node, v) }], preferred: i === 0 && near.length === 1 }));
      const list = allowed.slice(0, 12).map((v) => `\`${String(v)}\``).join(', ') + (allowed.length > 12 ? ', …' : '');
      const hint = near.length ? ` Did you mean ${near.map((v) => `\`${v}\``).join(' or ')}?` : ` Allowed: ${list}.`;
      const message = custom ?? `${name} has an unsupported value ${valueWords(err.data)}; ${opts.tool} would reject it.${hint}`;
      return { code: 'schema/invalid-value', severity: severity('error'), message, span: valueSpan, fixes };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const p = err.params as { comparison: string; limit: number };
      const message = custom ?? `${name} must be ${p.comparison} ${p.limit}, but is ${valueWords(err.data)}.`;
      return { code: 'schema/out-of-range', severity: severity('error'), message, span: valueSpan };
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      const span = target.entry?.key.span ?? firstKeySpan(root);
      const message = custom ?? `Missing required key \`${missing}\`${target.entry ? ` in ${name}` : ''}: ${opts.tool} cannot start without it.`;
      return { code: 'schema/missing-key', severity: severity('error'), message, span };
    }
    case 'anyOf':
    case 'oneOf': {
      if (someAlternativeTakesType(sub, schema, err.data)) return invalidAlternative(name, sub, schema, err.data, target.node, valueSpan, opts);
      const message = custom ?? `${name} must be ${alternativesWords(sub, schema)}, not ${valueWords(err.data)}.`;
      return { code: 'schema/wrong-type', severity: severity(opts.typeSeverity), message, span: valueSpan };
    }
    case 'not':
      return { code: 'schema/invalid-value', severity: severity('error'), message: custom ?? `${name} has a value ${opts.tool} does not accept.`, span: valueSpan };
    default: {
      const message = custom ?? `${name} ${err.message ?? 'is invalid'}.`;
      return { code: 'schema/invalid-value', severity: severity('error'), message, span: valueSpan };
    }
  }
}

/** JSON Schema type name of a plain value. */
function jsonType(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

/** The types an alternative accepts: its `type`, else what its `enum`/`const` values or string keywords imply. */
function acceptedTypes(s: JsonSchema): string[] {
  if (s.type) return [s.type].flat();
  if (s.enum) return s.enum.map(jsonType);
  if (s.const !== undefined) return [jsonType(s.const)];
  return s.pattern !== undefined || s.minLength !== undefined ? ['string'] : [];
}

/**
 * When some alternative of an anyOf/oneOf takes values of this type (`bias` is a string, and only
 * certain strings are allowed), the value is wrong, not its type.
 */
function someAlternativeTakesType(sub: JsonSchema, root: JsonSchema, data: unknown): boolean {
  const t = jsonType(data);
  return alternatives(root, sub).some((alt) => {
    const types = acceptedTypes(alt);
    return types.includes(t) || (t === 'integer' && types.includes('number'));
  });
}

function invalidAlternative(name: string, sub: JsonSchema, root: JsonSchema, data: unknown, node: Node | null, span: Span, opts: ValidationOptions): Issue {
  const candidates = [...new Set(alternatives(root, sub).flatMap((alt) => alt.enum ?? []))].filter((v): v is string => typeof v === 'string');
  const near = typeof data === 'string' ? suggest(data, candidates) : [];
  const fixes: Fix[] = near.map((v, i) => ({ title: `Change to \`${v}\``, edits: [{ span, newText: replacementText(node, v) }], preferred: i === 0 && near.length === 1 }));
  const hint = near.length ? ` Did you mean ${near.map((v) => `\`${v}\``).join(' or ')}?` : '';
  const message = sub['x-message'] ? `${sub['x-message']}${hint}` : `${name} has an unsupported value ${valueWords(data)}; ${opts.tool} would reject it. It must be ${alternativesWords(sub, root)}.${hint}`;
  return { code: 'schema/invalid-value', severity: sub['x-severity'] ?? 'error', message, span, fixes };
}

function unknownKey(holder: Entry, schema: JsonSchema, instancePath: string, opts: ValidationOptions): Issue {
  const path = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const key = keyText(holder);
  const near = suggest(key, knownKeys(schema, path).keys());
  const fixes: Fix[] = near.map((k, i) => ({ title: `Change to \`${k}\``, edits: [{ span: holder.key.span, newText: k }], preferred: i === 0 && near.length === 1 }));
  const hint = near.length ? ` Did you mean ${near.map((k) => `\`${k}\``).join(' or ')}?` : '';
  return {
    code: 'schema/unknown-key',
    severity: opts.unknownKeySeverity,
    message: `Unknown key \`${key}\`: ${opts.unknownKeyEffect}.${hint}`,
    span: holder.key.span,
    fixes,
  };
}

function acceptedByLoader(expected: string, data: unknown, opts: ValidationOptions): boolean {
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

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

function typeWords(expected: string): string {
  return expected
    .split(',')
    .map((t) => TYPE_WORDS[t.trim()] ?? t)
    .join(' or ');
}

function alternativesWords(sub: JsonSchema, root: JsonSchema): string {
  const parts: string[] = [];
  for (const branch of [...(sub.anyOf ?? []), ...(sub.oneOf ?? [])]) {
    const b = resolveRef(root, branch);
    if (b.enum) parts.push(b.enum.map((v) => `\`${String(v)}\``).join(', '));
    else if (b.const !== undefined) parts.push(`\`${String(b.const)}\``);
    else if (b.type) {
      const t = Array.isArray(b.type) ? b.type.join(',') : b.type;
      const items = b.items && !Array.isArray(b.items) ? resolveRef(root, b.items) : undefined;
      parts.push(t === 'array' && items?.type ? `a list of ${typeWords(String(items.type)).replace(/^an? /, '')}s` : typeWords(t));
    }
  }
  return [...new Set(parts)].join(' or ') || 'a different value';
}

function valueWords(data: unknown): string {
  if (data === null || data === undefined) return 'empty (null)';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the string "${data.length > 40 ? `${data.slice(0, 40)}…` : data}"`;
  if (typeof data === 'boolean') return String(data);
  return String(data);
}

function firstKeySpan(root: Node): Span {
  return root.kind === 'map' && root.entries.length ? root.entries[0].key.span : { start: root.span.start, end: root.span.start };
}

/**
 * The text that replaces a misspelt string value. Only YAML has unquoted strings, and there a value
 * such as `no` must be quoted or PyYAML reads it as false; a quoted value's span is replaced by the
 * bare word (JSON spans leave the quotes out, so they stay).
 */
function replacementText(node: Node | null, value: string): string {
  return node?.kind === 'scalar' && !node.quoted ? yamlScalar(value) : value;
}
