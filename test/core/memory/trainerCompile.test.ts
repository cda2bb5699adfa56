/**
 * The Trainer's `torch_compile` (axolotl, LLaMA-Factory, TRL): transformers 5.17 hands it to accelerate,
 * which compiles the whole model, so besides the layers' fused norms and activations (as torchtune's
 * per-layer compile), the final norm and the causal-LM loss fuse too. Derived by hand on the tiny model.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { FORMATS } from '../../../core/src/index';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { doc } from '../../helpers/fixtures';
import { countedTiny, LORA_QV, phasesOf, set, tinyPlan } from './tiny';

const plan = (compile: boolean): TrainingPlan => tinyPlan({ format: 'axolotl', peft: LORA_QV, training: { gradientCheckpointing: set(false), compile: set(compile), loop: set('trainer') } });

test('torch_compile on the Trainer path: fused norms, SiLU recomputed, the final norm and the loss fused', () => {
  const eager = phasesOf(plan(false)).loss;
  const compiled = phasesOf(plan(true)).loss;
  // Per token (bf16 autocast, LoRA on q/v, no checkpointing): each norm a gradient flows through keeps
  //   its bf16 output and an fp32 rstd (2 × 1,024 + 4) instead of its fp32 input (4 × 1,024): 2,044 B
  //   less, for layer 0's post-attention norm, both of layer 1's and the final norm (4 × 2,044); the
  //   MLP recomputes SiLU from gate's output: 2 × 4,096 B less in each layer. 24,560 B × 512 tokens.
  assert.equal(eager.activations - compiled.activations, 24_560 * 512);
  // The loss: eager, the fp32 log-softmax and two fp32 gradients, 12 B per logit (512 × 32,000);
  //   compiled, the bf16 logits and an fp32 log-sum-exp per position, then one bf16 gradient: 4 B per
  //   logit + 4 × 512.
  assert.equal(eager['logits and loss'], 12 * 512 * 32_000);
  assert.equal(compiled['logits and loss'], 4 * 512 * 32_000 + 4 * 512);
});

test("the breakdown's torch.compile entry is exactly the estimate's difference to the same config without it", () => {
  const on = estimateMemory(plan(true), countedTiny(plan(true)), DEFAULT_SETTINGS);
  const off = estimateMemory(plan(false), countedTiny(plan(false)), DEFAULT_SETTINGS);
  const effect = on.switches?.find((s) => s.switch === 'torch.compile');
  assert.ok(effect, JSON.stringify(on.switches));
  assert.equal(effect.removed_bytes, off.peak_allocated_bytes - on.peak_allocated_bytes);
  // The peak is at the loss in both: the two differences above.
  assert.equal(effect.removed_bytes, 24_560 * 512 + (12 * 512 * 32_000 - 4 * 512 * 32_000 - 4 * 512));
  assert.ok(on.assumptions.some((a) => /accelerate compiles the whole model/.test(a)), on.assumptions.join('\n'));
});

test('axolotl, LLaMA-Factory and TRL read torch_compile (axolotl\'s auto is on from torch 2.5.1)', () => {
  const compileOf = (format: 'axolotl' | 'llamafactory' | 'trl', text: string) => FORMATS[format].extract(doc('/w/config.yaml', text)).training.compile?.value;
  assert.equal(compileOf('axolotl', 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\ntorch_compile: auto\n'), true);
  assert.equal(compileOf('axolotl', 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\ntorch_compile: false\n'), false);
  assert.equal(compileOf('llamafactory', 'model_name_or_path: meta-llama/Llama-3.2-1B\nstage: sft\nfinetuning_type: lora\ntorch_compile: true\n'), true);
  assert.equal(compileOf('trl', 'model_name_or_path: meta-llama/Llama-3.2-1B\nuse_peft: true\ntorch_compile: true\n'), true);
});
