import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, set, termsOf, tinyPlan } from './tiny';

const NF4_DQ = { bits: 4 as const, type: 'nf4' as const, doubleQuant: true };

function qlora(quantization: { bits: 4 | 8; type?: 'nf4' | 'fp4'; doubleQuant?: boolean }) {
  const plan = { ...tinyPlan({ peft: LORA_QV, training: { quantization: set(quantization) } }), method: set('qlora') };
  return estimateMemory(plan, countedTiny(plan), DEFAULT_SETTINGS);
}

test('QLoRA (NF4, double quantization) on the tiny model: every term by hand', () => {
  const e = qlora(NF4_DQ);
  // Quantized: the 7 Linears of both layers, 2 × 15,204,352 = 30,408,704 weights, at
  //   1/2 (two 4-bit codes per byte) + 1/64 (an 8-bit absmax per 64-block) + 4/(64·256) (an fp32 absmax per 256 blocks)
  //   = 15,204,352 + 475,136 + 7,424 = 15,686,912 bytes.
  // Unquantized: 95,949,824 − 30,408,704 = 65,541,120 (embeddings, output layer, 5 norms), upcast to fp32
  //   by prepare_model_for_kbit_training: 262,164,480 bytes.  Weights: 277,851,392.
  // Adapters: 106,496 fp32 parameters = 425,984 bytes; AdamW states (exp_avg, exp_avg_sq, fp32): 851,968.
  // The fp32 output layer is cast to bf16 by autocast for its matmul and kept for backward: 32,768,000 × 2.
  // Checkpointing keeps each layer's input, fp32 here (the fp32 norms promote the residual stream):
  //   2 layers × 4 B × 1024 × 512 tokens = 4,194,304; the final norm keeps its fp32 input: 4 × 1024 × 512.
  // Logits: 512 × 32000 = 16,384,000 elements × (bf16 logits held by the loop + log_softmax output,
  //   nll grad, log_softmax grad in fp32 = 2 + 12 bytes) = 229,376,000.
  assert.equal(e.peak_phase, 'loss');
  // The cuBLAS workspaces (92.6 MB, measured) are held through every phase.
  assert.deepEqual(termsOf(e.breakdown), {
    'cuBLAS workspaces': 92_600_000,
    weights: 277_851_392,
    'adapter weights': 425_984,
    'optimizer states': 851_968,
    'autocast weight copies': 65_536_000,
    'checkpointed layer inputs': 4_194_304 + 2_097_152,
    'logits and loss': 229_376_000,
  });
  assert.equal(e.peak_allocated_bytes, 92_600_000 + 277_851_392 + 425_984 + 851_968 + 65_536_000 + 6_291_456 + 229_376_000);
});

test('4-bit without double quantization keeps an fp32 absmax per 64 weights; LLM.int8 one byte plus an fp32 scale per row', () => {
  const unquantized = 65_541_120 * 4;
  // NF4: 30,408,704 × (1/2 + 4/64) = 15,204,352 + 1,900,544.
  assert.equal(termsOf(qlora({ bits: 4, type: 'nf4' }).breakdown).weights, 15_204_352 + 1_900_544 + unquantized);
  // int8: 30,408,704 bytes + an fp32 scale per output row: (1024 + 256 + 256 + 1024 + 4096 + 4096 + 1024) = 11,776
  // rows per layer, 23,552 in all, × 4 B = 94,208.
  assert.equal(termsOf(qlora({ bits: 8 }).breakdown).weights, 30_408_704 + 94_208 + unquantized);
});

test('QLoRA lists the k-bit preparation among its assumptions', () => {
  assert.ok(qlora(NF4_DQ).assumptions.some((a) => a.includes('prepare_model_for_kbit_training')));
});

test('bitsandbytes dequantizes to the stored dtype, then casts to a different compute dtype: both copies exist in backward', () => {
  const layer = (computeDtype?: 'bf16' | 'fp32') => {
    const plan = { ...tinyPlan({ peft: LORA_QV, training: { quantization: set({ ...NF4_DQ, ...(computeDtype ? { computeDtype } : {}) }) } }), method: set('qlora') };
    const top = stepPhases(prepareStep(plan, countedTiny(plan), DEFAULT_SETTINGS), 1, 512).all.find((p) => p.name === 'backward top')!;
    return termsOf(top.terms)['recomputed layer + its gradients'];
  };
  // The largest quantized Linear (gate/up/down, 4,194,304 weights): bf16 compute reads the bf16
  //   dequantization, 2 B per weight; an fp32 compute dtype adds its fp32 cast, 4 B more.
  assert.equal(layer('fp32') - layer('bf16'), 4_194_304 * 4);
  assert.equal(layer('bf16'), layer());
});
