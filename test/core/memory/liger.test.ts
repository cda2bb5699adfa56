/**
 * Liger's kernels as the tools apply them, derived by hand on the tiny model (LoRA on q/v, bf16
 * autocast, 1 × 512 tokens, no checkpointing): the fused linear cross-entropy (Liger 0.8
 * fused_linear_cross_entropy.py), RMSNorm (rms_norm.py) and SwiGLU (swiglu.py), for LLaMA-Factory's
 * `enable_liger_kernel`, TRL's `use_liger_kernel` and axolotl's Liger plugin options.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { FORMATS } from '../../../core/src/index';
import type { TrainingPlan, TrainingSettings } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { doc } from '../../helpers/fixtures';
import { countedTiny, LORA_QV, phasesOf, set, tinyPlan, tinySibling } from './tiny';

const LIGER: Partial<TrainingSettings> = { chunkedLoss: set(true), chunkedLossKind: set('liger'), ligerKernels: set({ rmsNorm: true, glu: true }) };
const plan = (training: Partial<TrainingSettings>): TrainingPlan =>
  tinyPlan({ format: 'llamafactory', peft: LORA_QV, training: { gradientCheckpointing: set(false), loop: set('trainer'), ...training } });

test("Liger's fused linear cross-entropy: the input's gradient, a loss per position and one chunk's logits", () => {
  // Chunks of next_power_of_2(⌈512 / ⌈32,000 / 1,024⌉⌉) = next_power_of_2(⌈512 / 32⌉) = 16 positions.
  // The input's gradient 512 × 1,024 × 2 B = 1,048,576; the fp32 loss 4 × 512 = 2,048; a chunk's bf16
  // logits 16 × 32,000 × 2 B = 1,024,000 and its gradient times the weight 16 × 1,024 × 2 B = 32,768.
  assert.equal(phasesOf(plan({ chunkedLoss: set(true), chunkedLossKind: set('liger') })).loss['logits and loss'], 2_107_392);
  // Against transformers' loss: the fp32 log-softmax and two fp32 gradients, 12 B per logit.
  assert.equal(phasesOf(plan({})).loss['logits and loss'], 12 * 512 * 32_000);
});

test("Liger's RMSNorm and SwiGLU: each norm keeps its bf16 input and an fp32 rstd, the MLP no SiLU output", () => {
  const without = phasesOf(plan({})).loss.activations;
  const withKernels = phasesOf(plan({ ligerKernels: set({ rmsNorm: true, glu: true }) })).loss.activations;
  // Per token: layer 0's post-attention norm, both norms of layer 1 and the final norm keep 2 × 1,024 + 4
  //   instead of 4 × 1,024 (2,044 B less each); each layer's MLP drops SiLU's output, 2 × 4,096 B.
  assert.equal(without - withKernels, (4 * 2_044 + 2 * 8_192) * 512);
});

test('each Liger switch in the breakdown is exactly the estimate\'s difference to the same config without it', () => {
  const on = plan(LIGER);
  const estimated = estimateMemory(on, countedTiny(on), DEFAULT_SETTINGS);
  const { ligerKernels: _kernels, ...lossOnly } = LIGER;
  const cases: [string, Partial<TrainingSettings>][] = [['Liger kernels', lossOnly], ['chunked loss', { ...LIGER, chunkedLoss: set(false) }]];
  for (const [name, without] of cases) {
    const effect = estimated.switches?.find((s) => s.switch === name);
    assert.ok(effect, `${name}: ${JSON.stringify(estimated.switches)}`);
    const off = plan(without);
    assert.equal(effect.removed_bytes - effect.added_bytes, estimateMemory(off, countedTiny(off), DEFAULT_SETTINGS).peak_allocated_bytes - estimated.peak_allocated_bytes, name);
    assert.ok(effect.removed_bytes > 0, name);
  }
});

test('LLaMA-Factory patches only the model types it lists: on GPT-J nothing of Liger runs', () => {
  const arch = tinySibling({ model_type: 'gptj', architectures: ['GPTJForCausalLM'], num_key_value_heads: 8 });
  const on = plan(LIGER);
  const estimated = estimateMemory(on, countedTiny(on, arch), DEFAULT_SETTINGS);
  const off = plan({});
  assert.equal(estimated.peak_allocated_bytes, estimateMemory(off, countedTiny(off, arch), DEFAULT_SETTINGS).peak_allocated_bytes);
  assert.ok(estimated.assumptions.some((a) => /applies no Liger kernel to `gptj`/.test(a)), estimated.assumptions.join('\n'));
});

test('the formats: LLaMA-Factory (fused loss only for pt/sft), TRL, axolotl\'s plugin options', () => {
  const lf = (stage: string) => FORMATS.llamafactory.extract(doc('/w/c.yaml', `model_name_or_path: m\nstage: ${stage}\nfinetuning_type: lora\nenable_liger_kernel: true\n`)).training;
  assert.deepEqual([lf('sft').chunkedLoss?.value, lf('sft').chunkedLossKind?.value, lf('sft').ligerKernels?.value], [true, 'liger', { rmsNorm: true, glu: true }]);
  assert.deepEqual([lf('dpo').chunkedLoss?.value, lf('dpo').ligerKernels?.value], [false, { rmsNorm: true, glu: true }]);
  const trl = FORMATS.trl.extract(doc('/w/c.yaml', 'model_name_or_path: m\nuse_peft: true\nuse_liger_kernel: true\n')).training;
  assert.deepEqual([trl.chunkedLoss?.value, trl.chunkedLossKind?.value, trl.ligerKernels?.value], [true, 'liger', { rmsNorm: true, glu: true }]);
  const ax = FORMATS.axolotl.extract(doc('/w/c.yaml', 'base_model: m\nadapter: lora\nplugins:\n  - axolotl.integrations.liger.LigerPlugin\nliger_rms_norm: true\nliger_fused_linear_cross_entropy: true\n')).training;
  assert.deepEqual([ax.chunkedLoss?.value, ax.chunkedLossKind?.value, ax.ligerKernels?.value], [true, 'liger', { rmsNorm: true, glu: false }]);
});
