/**
 * Prequantized checkpoints (config.json with `quantization_config`) on the tiny model, by hand.
 * Per layer the 7 Linears hold 15,204,352 weights (Σ K·N); their inputs Σ K = 6 × 1024 + 4096 = 10,240;
 * their outputs Σ N = 1024 + 256 + 256 + 1024 + 4096 + 4096 + 1024 = 11,776. Outside them:
 * 95,949,824 − 2 × 15,204,352 = 65,541,120 parameters (embeddings, output layer, norms), bf16 here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { buildArchitecture } from '../../../core/src/models/architecture';
import type { Quantization } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { countedTiny, LORA_QV, phasesOf, set, termsOf, tinyPlan } from './tiny';

const TINY = {
  model_type: 'llama',
  hidden_size: 1024,
  intermediate_size: 4096,
  num_hidden_layers: 2,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  vocab_size: 32000,
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
};
const OUTSIDE = 65_541_120;

function stored(quantization_config: Record<string, unknown>) {
  return buildArchitecture({ ...TINY, quantization_config }, { id: `tiny-${String(quantization_config.quant_method)}`, source: 'local' });
}

function weightsOf(qc: Record<string, unknown>, planQuant?: Quantization) {
  const arch = stored(qc);
  const plan = tinyPlan({ peft: LORA_QV, training: planQuant ? { quantization: set(planQuant) } : {} });
  const counted = countedTiny(plan, arch);
  return { total: counted.counts.total, weights: termsOf(estimateMemory(plan, counted, DEFAULT_SETTINGS).breakdown).weights, arch, plan };
}

const GPTQ = { quant_method: 'gptq', bits: 4, group_size: 128, desc_act: false, sym: true };
const LORA = 106_496;

test('GPTQ 4-bit, group 128: qweight + qzeros + fp16 scales + g_idx, none of them counted by PEFT', () => {
  // Per layer: K·N/2 = 7,602,176; K/128 groups × N × (1/2 zero + 2 scale) = 15,204,352 × 2.5/128 = 296,960;
  //   g_idx 4 × 10,240 = 40,960 → 7,940,096; two layers 15,880,192. The rest in bf16: 131,082,240.
  const r = weightsOf(GPTQ);
  assert.equal(r.total, OUTSIDE + LORA);
  assert.equal(r.weights, 15_880_192 + 131_082_240);
  assert.deepEqual(r.arch.prequantized?.quantized.length, 14);
  assert.equal(r.arch.modules.find((m) => m.name === 'model.layers.0.self_attn.q_proj')?.className, 'QuantLinear');
});

test('a load_in_4bit in the training config does not quantize a GPTQ checkpoint again, and PEFT does not upcast it', () => {
  // prepare_model_for_kbit_training skips its fp32 upcast for GPTQ models: the same bytes as above.
  const r = weightsOf(GPTQ, { bits: 4, type: 'nf4', doubleQuant: true });
  assert.equal(r.weights, 15_880_192 + 131_082_240);
  const notes = estimateMemory(r.plan, countedTiny(r.plan, r.arch), DEFAULT_SETTINGS).assumptions;
  assert.ok(notes.some((n) => n.startsWith('the checkpoint is already quantized (gptq)')), notes.join('\n'));
  assert.ok(!notes.some((n) => n.startsWith('k-bit training')), 'no fp32 upcast for GPTQ');
});

test('AWQ 4-bit GEMM, group 128: no g_idx', () => {
  const r = weightsOf({ quant_method: 'awq', bits: 4, group_size: 128, version: 'gemm', zero_point: true });
  assert.equal(r.total, OUTSIDE + LORA);
  assert.equal(r.weights, 2 * (7_602_176 + 296_960) + 131_082_240);
});

test('AQLM 1x16 (one 16-bit codebook, input groups of 8): codes, codebooks and scales are Parameters PEFT counts', () => {
  // Codes int16 [N, K/8, 1]: K·N/8 = 1,900,544 elements (3,801,088 bytes) per layer; a codebook
  //   [1, 65536, 1, 8] fp16 per Linear: 524,288 elements (1,048,576 bytes) × 7; scales [N,1,1,1] fp16: 11,776.
  // Counted per layer 1,900,544 + 3,670,016 + 11,776 = 5,582,336; bytes 3,801,088 + 7,340,032 + 23,552 = 11,164,672.
  const r = weightsOf({ quant_method: 'aqlm', nbits_per_codebook: 16, num_codebooks: 1, in_group_size: 8, out_group_size: 1, linear_weights_not_to_quantize: ['model.embed_tokens.weight', 'lm_head.weight'] });
  assert.equal(r.total, OUTSIDE + 2 * 5_582_336 + LORA);
  assert.equal(r.weights, 2 * 11_164_672 + 131_082_240);
});

test('bitsandbytes NF4 prequantized: PEFT counts the Params4bit doubled (the base count), bytes as the QLoRA path', () => {
  const bnb = { quant_method: 'bitsandbytes', load_in_4bit: true, bnb_4bit_quant_type: 'nf4', bnb_4bit_use_double_quant: true, bnb_4bit_compute_dtype: 'bfloat16' };
  // 30,408,704 weights × (1/2 + 1/64 + 4/(64·256)) = 15,686,912 bytes.
  const plain = weightsOf(bnb);
  assert.equal(plain.total, 95_949_824 + LORA);
  assert.equal(plain.weights, 15_686_912 + 131_082_240);
  // axolotl's usual `load_in_4bit: true` on it: the same storage, and the kbit upcast of the rest to fp32
  // (the same 277,851,392 as QLoRA from a bf16 checkpoint in qlora.test.ts).
  assert.equal(weightsOf(bnb, { bits: 4, type: 'nf4', doubleQuant: true }).weights, 15_686_912 + OUTSIDE * 4);
});

test('each prequantized kernel dequantizes its largest Linear (1024 × 4096) to bf16 for the matmul', () => {
  // The recomputed layer in backward is the bf16 checkpoint's plus that dequantized weight: 4,194,304 × 2.
  const { arch, plan } = weightsOf(GPTQ);
  const layer = (phases: ReturnType<typeof phasesOf>) => phases['backward top']['recomputed layer + its gradients'];
  assert.equal(layer(phasesOf(plan, arch)) - layer(phasesOf(plan)), 4_194_304 * 2);
});

test('bitsandbytes skip lists and the output layer stay in the float dtype; an unknown quant_method is refused', () => {
  const arch = stored({ quant_method: 'bitsandbytes', load_in_4bit: true, llm_int8_skip_modules: ['down_proj'] });
  assert.equal(arch.prequantized?.quantized.length, 12);
  assert.ok(!arch.prequantized?.quantized.includes('lm_head'));
  assert.throws(() => stored({ quant_method: 'bitnet', linear_class: 'autobitlinear' }), /prequantized checkpoint: .*bitnet/);
});
