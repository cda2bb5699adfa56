/**
 * torchtune's memory switches on the tiny model (tiny.ts), each term derived by hand from the recipe's
 * source (torchtune 0.7): bf16 weights and activations (no autocast), adapters in bf16, batch 1 × 512.
 * Per-token saves of a layer are in bytes per position; × 512 positions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import type { TrainingPlan, TrainingSettings } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, termsOf, TINY_PARAMS, tinyPlan } from './tiny';

const P = TINY_PARAMS;
const N = 512 * 32000; // logits per micro-batch

function torchtune(training: Partial<TrainingSettings>, peft?: Record<string, unknown>): TrainingPlan {
  return tinyPlan({ format: 'torchtune', peft, training: { loop: set('trainer'), ...training } });
}

function phasesOf(plan: TrainingPlan) {
  return stepPhases(prepareStep(plan, countedTiny(plan), DEFAULT_SETTINGS), 1, 512).all;
}

function phaseTerms(plan: TrainingPlan, name: string): Record<string, number> {
  return termsOf(phasesOf(plan).find((p) => p.name === name)!.terms);
}

const estimate = (plan: TrainingPlan) => estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS);

test('optimizer_in_bwd: one gradient and one parameter\'s step temporaries at a time, no step phase', () => {
  const on = torchtune({ optimizerInBackward: set(true) });
  const off = torchtune({ optimizerInBackward: set(false) });
  // The largest trainable tensor is the embedding (or the untied output layer), 32000 × 1024 = 32,768,000
  // elements: its bf16 gradient 65,536,000 B, and torch AdamW's foreach temporary for that one tensor
  // (one element of the parameter's dtype per element) 65,536,000 B.
  const end = phaseTerms(on, 'backward end');
  assert.equal(end.gradients, 65_536_000);
  assert.equal(end['optimizer step in backward (one parameter)'], 65_536_000);
  assert.deepEqual(phasesOf(on).map((p) => p.name), ['loss', 'backward top', 'backward end']);
  // Off: every gradient (2P) at the end of backward and the foreach temporaries for all of them (2P) at the step.
  assert.equal(phaseTerms(off, 'backward end').gradients, 2 * P);
  assert.equal(phaseTerms(off, 'optimizer step')['optimizer step temporaries'], 2 * P);
});

test('optimizer_in_bwd: the peak moves from the optimizer step to the loss, and the switch reports the difference', () => {
  // Off, the step: workspaces 92,600,000 + weights 2P + AdamW states 4P + gradients 2P + temporaries 2P
  //   = 92,600,000 + 10 × 95,949,824 = 1,052,098,240.
  // On, the loss: workspaces + 6P (575,698,944) + two checkpointed bf16 layer inputs 2 × 2 × 1024 × 512
  //   (2,097,152) + the final norm's fp32 input 4,096/token, its trained normed output 2,048 and the
  //   trained output layer's input 2,048 (8,192 × 512 = 4,194,304) + the loss: 12 B per logit in
  //   backward (fp32 log_softmax, nll grad, log_softmax grad), 12 × 16,384,000 = 196,608,000
  //   = 871,198,400.
  const on = estimate(torchtune({ optimizerInBackward: set(true) }));
  const off = estimate(torchtune({ optimizerInBackward: set(false) }));
  assert.equal(off.peak_allocated_bytes, 1_052_098_240);
  assert.equal(on.peak_allocated_bytes, 871_198_400);
  assert.deepEqual(on.switches?.find((s) => s.switch === 'optimizer step in backward'), { switch: 'optimizer step in backward', key: 'test', removed_bytes: 1_052_098_240 - 871_198_400, added_bytes: 0 });
});

test('compile: norms keep one bf16 tensor and an fp32 rstd, act(gate) is recomputed, the loss keeps bf16 logits', () => {
  const lora = (compile: boolean) => torchtune({ gradientCheckpointing: set(false), compile: set(compile) }, LORA_QV);
  // Eager, layer 0 (nothing below trains): the normed input q/v LoRA read 2,048, their rank-16 outputs
  //   2 × 32, SDPA's q 2,048, k 512, v 512, output 2,048, lse 32, the second norm's fp32 input 4,096,
  //   gate/act/up 3 × 8,192 → 35,936. Layer 1 adds its first norm's fp32 input 4,096 → 40,032.
  // Compiled, layer 0: 2,048 + 64 + 5,152 + the second norm's bf16 tensor 2,048 and rstd 4 + gate and up
  //   2 × 8,192 → 25,700; layer 1's first norm keeps the normed input LoRA already keeps, plus rstd 4 → 25,704.
  // The final norm is not compiled (compile_model compiles the decoder layers): its fp32 input 4,096 both ways.
  const eager = phaseTerms(lora(false), 'loss');
  const compiled = phaseTerms(lora(true), 'loss');
  assert.equal(eager.activations, (35_936 + 40_032 + 4_096) * 512);
  assert.equal(compiled.activations, (25_700 + 25_704 + 4_096) * 512);
  // The loss, eager: max(forward 2 + 4 + 4, backward 4 + 8) = 12 B per logit → 196,608,000. Compiled:
  //   the bf16 logits (2 B) and an fp32 log-sum-exp per position (4 × 512), and the bf16 gradient 2 B
  //   → 4 × 16,384,000 + 2,048 = 65,538,048.
  assert.equal(eager['logits and loss'], 12 * N);
  assert.equal(compiled['logits and loss'], 4 * N + 2_048);
  const effect = estimate(lora(true)).switches?.find((s) => s.switch === 'torch.compile');
  assert.equal(effect?.removed_bytes, (35_936 + 40_032 - 25_700 - 25_704) * 512 + 12 * N - (4 * N + 2_048));
});

test('LinearCrossEntropyLoss: the output layer runs per chunk, so no full logits; CEWithChunkedOutputLoss returns them', () => {
  const loss = (kind: 'linear-chunks' | 'output-chunks', compile = false) =>
    phaseTerms(torchtune({ chunkedLoss: set(true), chunkedLossKind: set(kind), compile: set(compile) }, LORA_QV), 'loss')['logits and loss'];
  // Linear chunks: forward ends with every chunk's fp32 log_softmax (4), the last chunk's bf16 logits and
  //   fp32 copy ((2 + 4) / 8); backward holds the 4 and one chunk's two fp32 grads and their bf16 cast
  //   ((8 + 2) / 8) → max(4.75, 5.25) = 5.25 B per logit.
  assert.equal(loss('linear-chunks'), 5.25 * N);
  // Output chunks: the model returns all bf16 chunks (2) → forward 2 + 4 + 0.5 = 6.5 B per logit.
  assert.equal(loss('output-chunks'), 6.5 * N);
  // Compiled: every chunk's bf16 logits (2) + fp32 lse per position, one chunk's bf16 gradient (2 / 8).
  assert.equal(loss('linear-chunks', true), 2.25 * N + 4 * 512);
});

test('activation offloading: the checkpointed inputs go to pinned host memory; one stays on the GPU', () => {
  const plan = (offload: boolean) => torchtune({ activationOffloading: set(offload) }, LORA_QV);
  // One bf16 layer input is 2 × 1024 × 512 = 1,048,576 B; the model has two.
  const loss = (offload: boolean) => phaseTerms(plan(offload), 'loss')['checkpointed layer inputs'];
  // Both plus the final norm's fp32 input (4 × 1024 × 512) without offloading; with it, the last one.
  assert.equal(loss(false), 2 * 1_048_576 + 2_097_152);
  assert.equal(loss(true), 1_048_576 + 2_097_152);
  const e = estimate(plan(true));
  assert.equal(e.host_offloaded_bytes, 2 * 1_048_576);
  assert.equal(estimate(plan(false)).host_offloaded_bytes, undefined);
});

test('a torchtune QLoRA config gets what the 4-bit base removed: bf16 Linear weights against NF4', () => {
  const plan = { ...torchtune({ quantization: set({ bits: 4 as const, type: 'nf4' as const, doubleQuant: true, library: 'torchao' as const }) }, LORA_QV), method: set('qlora') };
  const e = estimate(plan);
  // torchao's NF4Tensor stores 4-bit codes (1/2 B), an int8 scaler per 64 weights and an fp32 factor per
  //   256 blocks: 30,408,704 block weights × (2 − (1/2 + 1/64 + 4/16384)) = 45,132,800 B smaller than bf16.
  // The dequantized bf16 weight (the largest, 4,194,304 × 2 B) exists only inside a layer's matmul.
  assert.equal(termsOf(e.breakdown).weights, 65_541_120 * 2 + 15_686_912);
  const removed = e.switches?.find((s) => s.switch === 'quantized base')?.removed_bytes;
  assert.equal(removed, 30_408_704 * 2 - 15_686_912);
});
