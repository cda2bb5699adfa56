/**
 * validate.ts: an anyOf/oneOf whose alternatives accept the value's type reports an invalid value (with
 * did-you-mean over the alternatives' enums), not a wrong type; and a value of the wrong type is not
 * reported a second time for failing its enum.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseText } from '../../core/src/parse/parse';
import type { JsonSchema } from '../../core/src/schema/types';
import { validateAgainstSchema } from '../../core/src/schema/validate';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', anyOf: [{ enum: ['none', 'all'] }, { pattern: '_only$' }] },
    init: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['gaussian', 'pissa'] }] },
    targets: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }] },
    kind: { type: 'string', enum: ['a', 'b'] },
    strict: { type: 'string', anyOf: [{ enum: ['x'] }, { pattern: '^y' }], 'x-message': 'Use x or y-something.', 'x-severity': 'warning' },
  },
};
const opts = { tool: 'T', unknownKeyEffect: 'ignored', unknownKeySeverity: 'warning' as const, typeSeverity: 'warning' as const };

function issues(json: string) {
  const { root } = parseText(json, 'json');
  return validateAgainstSchema(root, schema, opts).map((i) => ({ code: i.code, severity: i.severity, message: i.message, fix: i.fixes?.[0]?.edits[0].newText }));
}

test('a string alternatives do not accept is an invalid value, with did-you-mean', () => {
  assert.deepEqual(issues('{"mode": "none_"}').map((i) => [i.code, i.severity, i.fix]), [['schema/invalid-value', 'error', 'none']]);
  assert.deepEqual(issues('{"mode": "lora_only"}'), []);
  const [init] = issues('{"init": "pisa"}');
  assert.equal(init.code, 'schema/invalid-value');
  assert.match(init.message, /Did you mean `pissa`\?/);
});

test('x-message and x-severity of the property apply, the did-you-mean is kept', () => {
  const [i] = issues('{"strict": "zzz"}');
  assert.deepEqual([i.code, i.severity, i.message], ['schema/invalid-value', 'warning', 'Use x or y-something.']);
});

test('a value no alternative takes by type is still a wrong type', () => {
  assert.deepEqual(issues('{"targets": 5}').map((i) => i.code), ['schema/wrong-type']);
  assert.deepEqual(issues('{"init": 5}').map((i) => i.code), ['schema/wrong-type']);
});

test('a wrong type is reported once, not again as an unsupported enum value', () => {
  assert.deepEqual(issues('{"kind": 3}').map((i) => i.code), ['schema/wrong-type']);
  assert.deepEqual(issues('{"kind": "c"}').map((i) => i.code), ['schema/invalid-value']);
});
