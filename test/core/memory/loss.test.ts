/**
 * Above the last layer: the final norm and a trained output layer, the logits, the loss. The tiny model
 * at 1 × 512 tokens: 512 × 32000 = 16,384,000 logits. transformers 5.17's causal-LM loss upcasts the
 * logits to fp32 and runs cross-entropy, whose log_softmax keeps its fp32 output; backward starts with
 * that output, nll_loss's fp32 gradient and log_softmax's fp32 gradient: 12 bytes per logit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LORA_QV, phasesOf, set, tinyPlan, tinySibling, WORKSPACES } from './tiny';

const LOGITS = 512 * 32000;
const NO_GC = { gradientCheckpointing: set(false) };

test('full fine-tuning under checkpointing: the final norm keeps its fp32 input and normalised output, the output layer its input', () => {
  // Checkpointing keeps each layer's bf16 input: 2 × 2 × 1024 × 512 = 2,097,152. Above the last layer
  // (not checkpointed): the final RMSNorm keeps its fp32 input (4 × 1024) and, its weight training, the
  // bf16 normalised tensor that multiplies the weight (2 × 1024); lm_head, training, keeps the norm's
  // output (2 × 1024): 8 × 1024 × 512 = 4,194,304.
  // axolotl runs the Trainer, which drops the model output before backward: the loss alone, 12 × logits.
  // bf16 weights 2 × 95,949,824 and AdamW's two bf16 states 4 × 95,949,824.
  assert.deepEqual(phasesOf(tinyPlan({ format: 'axolotl' })).loss, {
    ...WORKSPACES,
    weights: 191_899_648,
    'optimizer states': 383_799_296,
    'checkpointed layer inputs': 2_097_152 + 4_194_304,
    'logits and loss': 12 * LOGITS,
  });
});

test('Gemma-2 soft-capping keeps tanh\'s bf16 output until backward reaches it', () => {
  // Gemma2ForCausalLM: logits / cap, tanh, * cap. Division and multiplication by a number keep nothing;
  // tanh keeps its output (2 bytes per logit). A plain loop (an adapter_config.json) also holds the
  // capped logits (2), besides the loss's 12.
  const plan = tinyPlan({ peft: LORA_QV, training: NO_GC });
  const gemma2 = (config: Record<string, unknown>) => phasesOf(plan, tinySibling({ model_type: 'gemma2', architectures: ['Gemma2ForCausalLM'], tie_word_embeddings: true, ...config })).loss['logits and loss'];
  assert.equal(gemma2({ final_logit_softcapping: 30.0 }), (2 + 2 + 12) * LOGITS);
  assert.equal(gemma2({ final_logit_softcapping: null }), (2 + 12) * LOGITS);
});

test('torchtune\'s CEWithChunkedOutputLoss: 8 output chunks, each chunk\'s fp32 copy and gradients one at a time', () => {
  // torchtune trains in the weights' dtype: bf16 logits, in 8 chunks. Forward: each chunk is upcast
  // (.float()) and its log_softmax keeps its fp32 output; the copy dies after it. At the last chunk: all
  // bf16 chunks (2), all fp32 log_softmax outputs (4) and one chunk's fp32 copy (4 / 8) = 6.5 bytes per
  // logit. The recipe deletes the logits before backward, which then holds the saved outputs (4) and one
  // chunk's two fp32 gradients and its bf16 cast ((4 + 4 + 2) / 8): 5.25. Forward sets the peak.
  const plan = tinyPlan({ format: 'torchtune', peft: LORA_QV, training: { chunkedLoss: set(true) } });
  assert.equal(phasesOf(plan).loss['logits and loss'], 6.5 * LOGITS);
});
