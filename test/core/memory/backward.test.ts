/**
 * Backward's own moments for QLoRA (NF4, double quantization) with checkpointing on the tiny model at
 * 1 × 512 tokens, where prepare_model_for_kbit_training has upcast the embeddings, norms and output layer
 * to fp32, so the residual stream and every 4-bit Linear's output are fp32 (bitsandbytes casts its
 * result back to the input's dtype) while attention runs in bf16 under autocast.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LORA_QV, phasesOf, set, tinyPlan, WORKSPACES } from './tiny';

const NF4_DQ = { bits: 4 as const, type: 'nf4' as const, doubleQuant: true };

test('QLoRA backward: the recomputed layer, its gradients, and the dequantized weight of the widest 4-bit Linear', () => {
  const phases = phasesOf({ ...tinyPlan({ peft: LORA_QV, training: { quantization: set(NF4_DQ) } }), method: set('qlora') });
  // Recomputing a layer from the fp32 input its checkpoint holds (per token):
  //   input norm: `.to(float32)` of an fp32 tensor returns it, so it keeps the held input, no new bytes;
  //   q, v LoRA: lora_A's bf16 copy 2 × 1024 + lora_B's input 2 × 16, twice: 4,160;
  //   SDPA in bf16: 5,152; the post-attention norm's input (a new fp32 residual): 4 × 1024 = 4,096;
  //   MLP: gate, silu and up outputs, fp32 like their 4-bit Linears' input: 3 × 4 × 4096 = 49,152.
  //   → 62,560 × 512 = 32,030,720.
  // Gradients of the layer's intermediates, fp32 here: 4 × (3 × 4096 + 2 × 1024) × 512 = 29,360,128.
  // bitsandbytes' MatMul4Bit dequantizes its weight to the compute dtype in forward and again in backward
  // (for the input's gradient); the largest, gate/up/down 4096 × 1024, in bf16: 8,388,608.
  const layer = 32_030_720 + 29_360_128 + 8_388_608;
  assert.equal(phases['backward top']['recomputed layer + its gradients'], layer);
  // Backward finishing layer 0 also holds its checkpointed input (fp32 embeddings, 4 × 1024 × 512); all
  // adapter gradients exist (106,496 × 4), and the plain loop still holds the bf16 logits (2 × 512 × 32000).
  // Weights as qlora.test.ts derives them; AdamW's fp32 states 8 × 106,496.
  assert.deepEqual(phases['backward end'], {
    ...WORKSPACES,
    weights: 277_851_392,
    'adapter weights': 425_984,
    'optimizer states': 851_968,
    gradients: 425_984,
    'logits (held by the loop)': 32_768_000,
    'recomputed layer + its gradients': 2_097_152 + layer,
  });
});
