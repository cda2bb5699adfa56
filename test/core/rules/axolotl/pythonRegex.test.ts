import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonRegexError } from '../../../../core/src/rules/axolotl/pythonRegex';

const valid = [
  'q_proj', 'model.layers.[\\d]+.(mlp|self_attn).(up|down|gate|q|k|v|o)_proj', '.*\\.layers\\.(3|7)\\.self_attn\\.(q|k|v|o)_proj',
  '(?P<n>layers)\\.\\d+', '(?P<n>a)(?P=n)', '(?i)q_proj', '(?#comment)q_proj', 'q_proj\\Z', '\\Aq_proj', '(?>a+)b', 'a++', 'x{2,3}', 'a{', ']',
  '(?x) q _ proj  # verbose mode is not checked', '(?(1)a|b)',
];
const invalid: [string, RegExp][] = [
  ['(q|k_proj', /./], ['q_proj)', /./], ['[abc', /./], ['*proj', /./], ['\\q_proj', /bad escape \\q/], ['\\p{L}', /bad escape \\p/],
  ['\\x4', /incomplete escape/], ['x{3,2}', /./], ['[z-a]', /./], ['a**', /./], ['q_proj\\', /end of pattern/],
];

test('patterns Python compiles are accepted', () => {
  for (const p of valid) assert.equal(pythonRegexError(p), undefined, p);
});

test('patterns Python refuses are reported with a reason', () => {
  for (const [p, reason] of invalid) assert.match(pythonRegexError(p) ?? '', reason, p);
});
