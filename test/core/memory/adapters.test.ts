/**
 * What PEFT adapters keep for backward beyond the base layer, derived from PEFT 0.21's forward code
 * (lora/layer.py, lora/dora.py, ia3/layer.py, vera/layer.py, loha/layer.py) and autograd's rule (an op
 * keeps what the gradients of its inputs that require grad need), on the tiny model at 1 × 512 tokens,
 * bf16 autocast, fp32 adapters. Bytes per token unless a line says otherwise.
 *
 * The base layer's share, as in activations.test.ts: SDPA 5,152 (q 2,048, k and v 512 each, output
 * 2,048, fp32 log-sum-exp 32); an RMSNorm's fp32 input 4,096; the gated MLP 24,576; layer 0's input is a
 * frozen embedding (no grad), layer 1's and any recomputed layer's requires grad; final norm 2,097,152.
 *
 * With checkpointing, 'backward top' holds the recomputed top layer (its inputs requiring grad), what its
 * adapters keep per layer, and the gradients of the layer's intermediates in its backward:
 * the gated MLP's three 4096-wide ones and two hidden-wide ones, 2 × (3 × 4096 + 2 × 1024) × 512 = 14,680,064.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LORA_QV, phasesOf, set, tinyPlan, WORKSPACES } from './tiny';

const NO_GC = { gradientCheckpointing: set(false) };
const FINAL_NORM = 2_097_152;
const LAYER_GRADS = 14_680_064;

test('lora_dropout: the dropped input\'s bf16 copy replaces the plain one; its mask only where the input requires grad', () => {
  // PEFT: lora_B(lora_A(dropout(x.to(fp32)))). Dropout's fp32 output is not kept; lora_A keeps its bf16
  // copy, 2 × 1024, as without dropout. native_dropout keeps its 1-byte mask for the input's gradient,
  // so only where x requires grad: not in layer 0.
  //   layer 0: q, v 2 × (2,048 + 32) + 5,152 + 4,096 + 24,576 = 37,984
  //   layer 1: input norm 4,096 + 2 × (2,048 + 1,024 mask + 32) + 5,152 + 4,096 + 24,576 = 44,128
  //   (37,984 + 44,128) × 512 = 42,041,344
  const plan = tinyPlan({ peft: { ...LORA_QV, lora_dropout: 0.1 }, training: NO_GC });
  assert.equal(phasesOf(plan).loss.activations, 42_041_344 + FINAL_NORM);
});

test('IA3 keeps the output it scales, or (feed-forward modules) the fp32 input it scales', () => {
  // k_proj, v_proj: (result * ia3_l) keeps the bf16 result for ia3_l's gradient: 2 × 256 each.
  // down_proj (feed-forward): x.to(fp32) * ia3_l keeps the fp32 input: 4 × 4096 = 16,384.
  //   layer 0: 512 + 512 + SDPA 5,152 (k, v require grad) + 4,096 + 24,576 + 16,384 = 51,232
  //   layer 1: 55,328; (51,232 + 55,328) × 512 = 54,558,720
  const plan = tinyPlan({ peft: { peft_type: 'IA3', target_modules: ['k_proj', 'v_proj', 'down_proj'], feedforward_modules: ['down_proj'] }, training: NO_GC });
  assert.equal(phasesOf(plan).loss.activations, 54_558_720 + FINAL_NORM);
});

test('DoRA under checkpointing: the magnitude\'s two outputs per token, the weight-norm temporaries per layer', () => {
  const phase = phasesOf(tinyPlan({ peft: { ...LORA_QV, use_dora: true } }))['backward top'];
  // Per token, per adapter: lora_A's bf16 input copy 2 × 1024 and lora_B's input 2 × 16, as LoRA; then
  // (mag_norm_scale - 1) * base_result keeps the base layer's bf16 output and mag_norm_scale * lora_result
  // keeps lora_B's bf16 output (the magnitude trains): 2 × 2 × out.
  //   q (out 1024): 2,080 + 4,096 = 6,176; v (out 256): 2,080 + 1,024 = 3,104
  //   recomputed layer: 4,096 + 6,176 + 3,104 + 5,152 + 4,096 + 24,576 = 47,200 × 512 = 24,166,400
  // Per layer, while recomputation runs a module's forward (dora.py): get_lora_weight builds an fp32
  // identity (4·in²) and lora_A keeps its bf16 cast (2·in²), lora_B(...) gives bf16 in × out; then the
  // fp32 casts of the LoRA weight and of the base weight, the scaled LoRA weight and their sum (4 × 4·in·out),
  // with the identity freed and the cast kept: max(6·in² + 2·in·out, 2·in² + 16·in·out). The largest module:
  //   q, 1024 × 1024: max(8, 18) × 1,048,576 = 18,874,368 (v, 1024 × 256: max(6.5, 6) × 1,048,576, smaller)
  // DoRA adds the magnitude vectors: 2 layers × (1024 + 256) = 2,560 parameters to LoRA's 106,496.
  assert.deepEqual(phase, {
    ...WORKSPACES,
    weights: 191_899_648,
    'adapter weights': (106_496 + 2_560) * 4,
    'optimizer states': (106_496 + 2_560) * 8,
    'checkpointed layer inputs': 2 * 2048 * 512,
    'logits (held by the loop)': 512 * 32000 * 2,
    'recomputed layer + its gradients': 24_166_400 + 18_874_368 + LAYER_GRADS,
  });
});

test('DoRA\'s weight-norm temporaries: the identity-built LoRA weight or the fp32 sum, whichever is larger for the module', () => {
  const recomputed = (target: string) => phasesOf(tinyPlan({ peft: { ...LORA_QV, target_modules: [target], use_dora: true } }))['backward top']['recomputed layer + its gradients'];
  // v_proj only (in 1024, out 256): max(6·in² + 2·in·out, 2·in² + 16·in·out) = max(6,815,744, 6,291,456).
  //   per token: 4,096 + v 3,104 + 5,152 + 4,096 + 24,576 = 41,024 × 512 = 21,004,288
  assert.equal(recomputed('v_proj'), 21_004_288 + 6_815_744 + LAYER_GRADS);
  // up_proj only (in 1024, out 4096): max(14,680,064, 2,097,152 + 67,108,864 = 69,206,016).
  //   per token: up reads the post-attention norm's output: 2,080 + base and LoRA outputs 2 × 2 × 4096
  //   = 18,464; 4,096 + 5,152 + 4,096 + 18,464 + 24,576 = 56,384 × 512 = 28,868,608
  assert.equal(recomputed('up_proj'), 28_868_608 + 69_206_016 + LAYER_GRADS);
});

test('VeRA keeps its scaled rank-r product and scaled output per token, and the bf16 casts of its frozen projections per layer', () => {
  const phase = phasesOf(tinyPlan({ peft: { peft_type: 'VERA', r: 64, target_modules: ['q_proj', 'v_proj'] } }))['backward top'];
  // lambda_b * linear(lambda_d * linear(x, A), B): linear(x, A) under autocast casts x and A to bf16; A is
  // a frozen buffer, so x's copy is not kept, A's is (x requires grad): 2 × 64 × in. lambda_d * mid keeps
  // mid (bf16, 2 × 64); linear(·, B) keeps B's bf16 cast, 2 × out × 64; lambda_b * out keeps out, 2 × out.
  //   per token: q 128 + 2,048, v 128 + 512; recomputed layer 4,096 + 2,816 + 5,152 + 4,096 + 24,576 = 40,736
  //   per layer: 2 × 64 × (1024 + 1024) + 2 × 64 × (1024 + 256) = 262,144 + 163,840 = 425,984
  assert.equal(phase['recomputed layer + its gradients'], 40_736 * 512 + 425_984 + LAYER_GRADS);
});

test('LoHa builds a dense delta weight per forward and the matmul that applies it keeps its bf16 cast', () => {
  const phase = phasesOf(tinyPlan({ peft: { peft_type: 'LOHA', r: 8, alpha: 8, target_modules: ['q_proj', 'v_proj'] } }))['backward top'];
  // _get_delta_activations: linear(x.to(fp32), delta) under autocast keeps x's bf16 copy (2 × 1024, the
  // delta trains) and delta's bf16 cast (x requires grad): 2 × in × out. HadaWeight keeps only its factors.
  //   per token: 2 × 2,048; recomputed layer 4,096 + 4,096 + 5,152 + 4,096 + 24,576 = 42,016
  //   per layer: 2 × 1024 × 1024 + 2 × 1024 × 256 = 2,097,152 + 524,288 = 2,621,440
  assert.equal(phase['recomputed layer + its gradients'], 42_016 * 512 + 2_621_440 + LAYER_GRADS);
});
