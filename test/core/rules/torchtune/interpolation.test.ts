/** OmegaConf `${...}` interpolations that name keys the config does not define. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Case } from './base';
import { BASE, issuesOf, variant } from './base';

const CASES: Case[] = [
  { name: 'defined top-level key', text: BASE, expected: [] },
  { name: 'misspelt key', text: variant(['log_dir: ${output_dir}/logs', 'log_dir: ${outptu_dir}/logs']), expected: ['torchtune/undefined-interpolation@43'] },
  { name: 'nested key', text: `${BASE}batch_size_val: \${tokenizer.max_seq_len}\n`, expected: [] },
  { name: 'resolver calls and relative references are left alone', text: variant(['log_dir: ${output_dir}/logs', 'log_dir: ${oc.env:HOME}/${.missing}']), expected: [] },
];

for (const c of CASES) {
  test(`interpolation: ${c.name}`, async () => {
    assert.deepEqual(await issuesOf(c.text, 'torchtune/'), c.expected);
  });
}
