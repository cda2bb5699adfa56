/**
 * Mutation test over the real torchtune LoRA configs (../shared/upstream-configs): each config is
 * clean as shipped (upstreamCorpus.test.ts), so every mutation below, which torchtune 0.7 would
 * refuse, must produce its error, and a harmless edit must produce none.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc } from '../helpers/fixtures';
import { requireShared } from '../helpers/shared';

const ROOT = requireShared('upstream-configs', 'torchtune', 'recipes', 'configs');

interface Mutation {
  name: string;
  code: string;
  /** The mutated text, or undefined when the config has nothing to mutate this way. */
  apply(text: string): string | undefined;
}

const replaceLine = (re: RegExp, to: string) => (text: string) => (re.test(text) ? text.replace(re, to) : undefined);

const MUTATIONS: Mutation[] = [
  { name: 'dtype fp16', code: 'torchtune/fp16-unsupported', apply: replaceLine(/^dtype: bf16/m, 'dtype: fp16') },
  { name: 'misspelt builder', code: 'torchtune/unknown-component', apply: replaceLine(/^(model:\n\s+_component_: torchtune\.models\.\w+\.q?lora_\w+)/m, '$1x') },
  { name: "HF's o_proj", code: 'torchtune/lora-attn-module', apply: (t) => (/lora_attn_modules:.*output_proj/.test(t) ? t.replace(/(lora_attn_modules:.*)output_proj/, '$1o_proj') : undefined) },
  { name: 'unknown optimizer argument', code: 'torchtune/unknown-argument', apply: replaceLine(/^(optimizer:\n(\s+)_component_: .*)$/m, '$1\n$2betas2: [0.9, 0.95]') },
  { name: 'lora_alpha left out', code: 'torchtune/missing-lora-key', apply: replaceLine(/^(model:\n(?:\s+.*\n)*?)\s+lora_alpha: .*\n/m, '$1') },
  {
    name: 'offloading without checkpointing',
    code: 'torchtune/offload-needs-checkpointing',
    apply: (t) => (/^enable_activation_offloading: /m.test(t) && /^enable_activation_checkpointing: /m.test(t) ? t.replace(/^enable_activation_offloading: .*/m, 'enable_activation_offloading: True').replace(/^enable_activation_checkpointing: .*/m, 'enable_activation_checkpointing: False') : undefined),
  },
  {
    name: 'packing without max_seq_len',
    code: 'torchtune/packed-needs-max-seq-len',
    apply: (t) => (/^\s+packed: False/m.test(t) && /^\s+max_seq_len: /m.test(t) ? t.replace(/^(\s+)packed: False/m, '$1packed: True').replace(/^(\s+)max_seq_len: .*/m, '$1max_seq_len: null') : undefined),
  },
];

function loraConfigs(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return loraConfigs(p);
      const text = readFileSync(p, 'utf8');
      return /\.ya?ml$/.test(n) && /^# Config for .* in lora_finetune_(single_device|distributed)\.py/m.test(text) ? [p] : [];
    });
}

async function errorCodes(path: string, text: string): Promise<string[]> {
  return (await check(doc(path, text), ctx())).filter((i) => i.severity === 'error').map((i) => i.code);
}

test('mutations of the upstream LoRA configs are each caught', async (t) => {
  const configs = loraConfigs(ROOT);
  assert.ok(configs.length >= 70, `only ${configs.length} LoRA configs found`);
  const missed: string[] = [];
  const applied: Record<string, number> = {};
  for (const path of configs) {
    const text = readFileSync(path, 'utf8');
    for (const m of MUTATIONS) {
      const mutant = m.apply(text);
      if (mutant === undefined) continue;
      applied[m.name] = (applied[m.name] ?? 0) + 1;
      if (!(await errorCodes(path, mutant)).includes(m.code)) missed.push(`${relative(ROOT, path)}: ${m.name} not reported as ${m.code}`);
    }
  }
  t.diagnostic(`${configs.length} configs; mutants per kind: ${JSON.stringify(applied)}`);
  assert.deepEqual(missed, []);
  for (const m of MUTATIONS) assert.ok((applied[m.name] ?? 0) >= 5, `mutation "${m.name}" applied to only ${applied[m.name] ?? 0} configs`);
});

test('harmless edits of the upstream LoRA configs stay clean', async () => {
  const noisy: string[] = [];
  for (const path of loraConfigs(ROOT)) {
    const text = readFileSync(path, 'utf8')
      .replace(/^(model:\n)/m, '$1  # a comment inside the block\n')
      .replace(/^output_dir: .*/m, 'output_dir: /data/runs/${seed}');
    const errors = await errorCodes(path, text);
    if (errors.length) noisy.push(`${relative(ROOT, path)}: ${errors.join(', ')}`);
  }
  assert.deepEqual(noisy, []);
});
