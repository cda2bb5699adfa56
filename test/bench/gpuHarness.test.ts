/**
 * The GPU calibration harness (bench/gpu/calibrate.py) on a machine without a GPU: its dry run must
 * work without torch, transformers or peft, and print the very cases and shapes the estimator builds
 * from bench/gpu/cases.json; each case must exercise what it is there for (the baselines the
 * calibrated path, every other case at least one modelled term).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { harnessCases, stepCase } from '../../bench/gpu/gpuCases';
import { estimateCase } from '../../bench/memoryCases';

const python = spawnSync('python3', ['--version']).status === 0;

interface DryCase {
  id: string;
  model_type: string;
  loop: string;
  dims: { hidden_size: number; num_hidden_layers: number; num_attention_heads: number; num_key_value_heads: number; vocab_size: number };
  input_ids: [number, number];
  row_lengths: number[];
  micro_batches_per_step: number;
  gradient_checkpointing: boolean;
  attn_implementation: string;
  optimizer: string;
  adapter_config: Record<string, unknown> | null;
}

/** calibrate.py with torch, transformers and peft made unimportable. */
function withoutTorch(args: string[]) {
  const blocked = mkdtempSync(join(tmpdir(), 'no-torch-'));
  try {
    for (const m of ['torch', 'transformers', 'peft']) writeFileSync(join(blocked, `${m}.py`), `raise ImportError("the dry run imported ${m}")\n`);
    return spawnSync('python3', ['bench/gpu/calibrate.py', ...args], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: blocked } });
  } finally {
    rmSync(blocked, { recursive: true, force: true });
  }
}

function dryRun(): { steps: number; cases: DryCase[] } {
  const run = withoutTorch(['--dry-run', '--json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('calibrate.py --dry-run prints, without torch, the cases and shapes the estimator builds', { skip: !python && 'no python3 here' }, () => {
  const dry = dryRun();
  const cases = harnessCases();
  assert.deepEqual(dry.cases.map((c) => c.id), cases.map((c) => c.id));
  for (const [i, c] of cases.entries()) {
    const d = dry.cases[i];
    const step = stepCase(c);
    const { memory, architecture: arch } = estimateCase(step);
    assert.deepEqual(
      { type: d.model_type, dims: d.dims, input: d.input_ids, accumulation: d.micro_batches_per_step, gc: d.gradient_checkpointing, attention: d.attn_implementation, optimizer: d.optimizer, loop: d.loop, adapter: d.adapter_config },
      {
        type: arch.modelType,
        dims: { hidden_size: arch.hiddenSize, num_hidden_layers: arch.numLayers, num_attention_heads: arch.numHeads, num_key_value_heads: arch.numKvHeads, vocab_size: arch.vocabSize },
        input: [step.micro_batch_size, step.sequence_len],
        accumulation: step.gradient_accumulation_steps,
        gc: step.gradient_checkpointing,
        attention: step.attn_implementation,
        optimizer: step.optimizer,
        loop: step.loop,
        adapter: step.adapter_config,
      },
      c.id,
    );
    // Every row fits the sequence; the Trainer's rows leave padding, so an attention mask is passed.
    assert.ok(d.row_lengths.every((n) => n > 0 && n <= step.sequence_len), c.id);
    assert.equal(d.row_lengths.some((n) => n < step.sequence_len), c.loop === 'trainer', c.id);
    const modelled = memory.breakdown.filter((t) => t.provenance.status === 'modelled').map((t) => t.term);
    if (c.mechanism.startsWith('baseline')) assert.deepEqual(modelled, [], `${c.id} should sit on the calibrated path`);
    else assert.ok(modelled.length > 0, `${c.id} (${c.mechanism}) exercises no modelled term`);
  }
  assert.equal(dry.steps, 3, 'the H200 file took its peak over 3 steps');
});

test('without torch a real run refuses before it starts a case, and writes nothing', { skip: !python && 'no python3 here' }, () => {
  const out = join(tmpdir(), `gpu-results-${process.pid}.json`);
  const run = withoutTorch(['--out', out]);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /a real run needs torch, transformers, peft/);
  assert.equal(existsSync(out), false);
});

test('the case list covers the mechanisms the GPU machine can run', () => {
  const cases = harnessCases().map(stepCase);
  const has = (p: (c: (typeof cases)[number]) => boolean) => cases.some(p);
  assert.ok(has((c) => c.model_config.model_type === 'gpt2'), 'a dropout model');
  assert.ok(has((c) => typeof c.model_config.attention_dropout === 'number' && c.model_config.attention_dropout > 0), 'attention dropout');
  assert.ok(has((c) => typeof c.model_config.sliding_window === 'number' && c.sequence_len >= (c.model_config.sliding_window as number)), 'a reached sliding window');
  assert.ok(has((c) => c.attn_implementation === 'eager'), 'eager attention');
  assert.ok(has((c) => c.loop === 'trainer'), "the Trainer's logits");
  assert.ok(has((c) => (c.gradient_accumulation_steps ?? 1) > 1), 'gradient accumulation');
  assert.ok(has((c) => c.optimizer === 'adafactor') && has((c) => c.optimizer === 'sgd'), 'Adafactor and SGD');
});
