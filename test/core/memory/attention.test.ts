/**
 * Eager attention where transformers 5.17 or the tool falls back to it, derived by hand: GPT-J (no SDPA
 * path in its modeling code) runs eager when nothing is set, and LLaMA-Factory's `flash_attn: auto` runs
 * Gemma-2 eager. The fallback's cost is the estimate minus the same step under the attention asked for,
 * and the breakdown reports it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import { estimate } from '../../../core/src/index';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { ctx, doc } from '../../helpers/fixtures';
import { countedTiny, LORA_QV, termsOf, tinyPlan, tinySibling } from './tiny';

// The tiny widths under GPT-J: 8 heads of 128 (no GQA), 2 layers, parallel blocks; GPTJConfig's dropouts are 0.
const gptj = () => tinySibling({ model_type: 'gptj', architectures: ['GPTJForCausalLM'], num_key_value_heads: 8 });

function plan(attention: 'eager' | 'sdpa' | undefined): TrainingPlan {
  const p = tinyPlan({ peft: LORA_QV, training: { gradientCheckpointing: { value: false, key: 'test' } } });
  const { attention: _asked, ...training } = p.training;
  return { ...p, training: attention ? { ...training, attention: { value: attention, key: 'test' } } : training };
}

test('GPT-J with no attention set runs its eager attention: the fp32 softmax and its bf16 cast per score, no SDPA output or log-sum-exp', () => {
  const arch = gptj();
  const run = (p: TrainingPlan, requestedAttention = false) => stepPhases(prepareStep(p, countedTiny(p, arch), DEFAULT_SETTINGS, { requestedAttention }), 1, 512);
  const activations = (p: TrainingPlan, requested = false) => termsOf(run(p, requested).all.find((ph) => ph.name === 'loss')!.terms).activations;
  const defaulted = plan(undefined);
  // The default equals asking for eager.
  assert.equal(activations(defaulted), activations(plan('eager')));
  // Per token per layer, eager keeps the probabilities (4 + 2 B) × 8 heads × 512 keys = 24,576 B, and
  //   not SDPA's output (2 × 8 × 128 = 2,048 B) or its fp32 log-sum-exp (4 × 8 = 32 B): +22,496 B;
  //   LoRA on q/v sends a gradient through the attention of both layers: × 2 × 512 tokens.
  assert.equal(activations(defaulted) - activations(defaulted, true), 22_496 * 2 * 512);
  const estimated = estimateMemory(defaulted, countedTiny(defaulted, arch), DEFAULT_SETTINGS);
  const fallback = estimated.switches?.find((s) => s.switch === 'eager attention fallback');
  assert.ok(fallback, JSON.stringify(estimated.switches));
  assert.equal(fallback.added_bytes, estimated.peak_allocated_bytes - run(defaulted, true).peak.bytes);
  assert.ok(fallback.added_bytes > 0);
  assert.ok(estimated.assumptions.some((a) => /gptj has no SDPA attention/.test(a)), estimated.assumptions.join('\n'));
});

test('a Llama-family model keeps SDPA when nothing is set: no fallback, no switch', () => {
  const p = plan(undefined);
  const estimated = estimateMemory(p, countedTiny(p), DEFAULT_SETTINGS);
  assert.equal(estimated.switches?.some((s) => s.switch === 'eager attention fallback'), false);
});

const lf = (flashAttn: string) => `### model
model_name_or_path: google/gemma-2-2b
### method
stage: sft
do_train: true
finetuning_type: lora
lora_target: all
${flashAttn}### dataset
dataset: alpaca_en_demo
template: gemma
cutoff_len: 1024
### train
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 1.0e-4
num_train_epochs: 1.0
bf16: true
disable_gradient_checkpointing: true
`;

// Without checkpointing every layer's attention saves are alive when the loss runs, so the fallback shows at the peak.
test("LLaMA-Factory's flash_attn auto runs Gemma-2 eager: exactly the fallback's bytes above flash_attn: sdpa", async () => {
  const run = async (text: string) => {
    const result = await estimate(doc('/w/gemma2_lora_sft.yaml', text), ctx());
    assert.ok(result.memory, result.issues.map((i) => i.message).join('; '));
    return result.memory;
  };
  const auto = await run(lf(''));
  const sdpa = await run(lf('flash_attn: sdpa\n'));
  const fallback = auto.switches?.find((s) => s.switch === 'eager attention fallback');
  assert.ok(fallback, JSON.stringify(auto.switches));
  assert.equal(auto.peak_allocated_bytes - sdpa.peak_allocated_bytes, fallback.added_bytes);
  assert.ok(fallback.added_bytes > 0);
  assert.equal(sdpa.switches?.some((s) => s.switch === 'eager attention fallback'), false);
  assert.ok(auto.assumptions.some((a) => /Gemma-2 in eager attention/.test(a)), auto.assumptions.join('\n'));
});
