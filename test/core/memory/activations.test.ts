/**
 * What decoder layers keep for backward, by architecture, derived tensor by tensor from the autograd rule
 * (an op keeps what the gradients of its inputs that require grad need) applied to the forward code of
 * transformers 5.17 and PEFT 0.21. Everything runs bf16 autocast with fp32 LoRA adapters, no
 * checkpointing, 1 × 512 tokens; the 'activations' term of the loss phase is every layer's kept tensors
 * plus the final norm's. Bytes per token unless a line says otherwise.
 *
 * Pieces shared by the tiny model (hidden 1024, 8 query and 2 KV heads of 128, gated MLP of 4096):
 *   LoRA Linear (r 16): PEFT casts x to fp32; under autocast lora_A casts that to bf16 and keeps it
 *     (its weight trains): 2 × 1024; lora_B keeps lora_A's bf16 output: 2 × 16. Together 2,080.
 *   SDPA (flash/efficient kernel): q 2 × 1024, k and v 2 × 256 each (the kernel takes the KV heads as
 *     they are), its output 2 × 1024, the fp32 log-sum-exp 4 × 8 heads: 5,152.
 *   RMSNorm whose input requires grad: its fp32 input (`.to(float32)`, kept by pow and by the multiply
 *     with rsqrt): 4 × 1024 = 4,096. Its 1/rms, 4 bytes per row, is below the model's resolution.
 *   Gated MLP: silu keeps gate's output, the product keeps silu's output and up's: 3 × 2 × 4096 = 24,576.
 *   Layer 0's input is a frozen embedding: it does not require grad, so its input norm keeps nothing and
 *   its frozen projections keep no input; layer 1's input requires grad (+ 4,096 for its input norm).
 *   Final norm: 4,096 × 512 = 2,097,152.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LORA_QV, phasesOf, set, tinyPlan, tinySibling } from './tiny';

const NO_GC = { gradientCheckpointing: set(false) };
const LORA_QKV = { ...LORA_QV, target_modules: ['q_proj', 'k_proj', 'v_proj'] };
const FINAL_NORM = 2_097_152;

const activations = (...args: Parameters<typeof phasesOf>) => phasesOf(...args).loss.activations;

test('eager attention keeps the fp32 softmax and its bf16 cast per query and key, and not its output; SDPA keeps its output and log-sum-exp instead', () => {
  // LoRA on q, k and v: all three inputs of attention require grad in both layers.
  // Eager (eager_attention_forward): repeat_kv expands k and v to the 8 query heads; matmul(q, kᵀ) keeps
  // q and the expanded k, softmax(dtype=float32) its fp32 output, matmul(probs, v) the bf16 cast of the
  // probabilities and the expanded v; dropout at p = 0 returns its input. The output reaches a frozen
  // o_proj and is not kept.
  //   q, k, v: 3 × 2 × 8 × 128 = 6,144; probabilities (4 + 2) × 8 heads × 512 keys = 24,576.
  //   layer 0: LoRA 3 × 2,080 + 6,144 + 24,576 + post-attention norm 4,096 + MLP 24,576 = 65,632
  //   layer 1: 65,632 + 4,096 = 69,728
  //   (65,632 + 69,728) × 512 + 2,097,152 = 69,304,320 + 2,097,152
  assert.equal(activations(tinyPlan({ peft: LORA_QKV, training: { ...NO_GC, attention: set('eager') } })), 69_304_320 + FINAL_NORM);
  //   SDPA: layer 0: 6,240 + 5,152 + 4,096 + 24,576 = 40,064; layer 1: 44,160; (84,224) × 512 = 43,122,688.
  assert.equal(activations(tinyPlan({ peft: LORA_QKV, training: NO_GC })), 43_122_688 + FINAL_NORM);
});

test('Qwen3 q/k norms keep their fp32 input for every head', () => {
  // Qwen3Attention applies q_norm/k_norm (RMSNorm over head_dim 128) to each head before RoPE; LoRA on
  // q, k and v makes both norms' inputs require grad in both layers. Each keeps the fp32 copy of its
  // input: 4 × 128 × (8 query + 2 KV heads) = 5,120.
  //   layer 0: 6,240 + SDPA 5,152 + q/k norms 5,120 + 4,096 + 24,576 = 45,184; layer 1: 49,280
  //   (45,184 + 49,280) × 512 = 48,365,568
  const qwen3 = tinySibling({ model_type: 'qwen3', architectures: ['Qwen3ForCausalLM'] });
  assert.equal(activations(tinyPlan({ peft: LORA_QKV, training: NO_GC }), qwen3), 48_365_568 + FINAL_NORM);
});

/** A GPT-2 as wide as the tiny model: 1024 wide, 8 heads of 128, n_inner 4 × 1024, Conv1D layers, LayerNorms. */
function tinyGpt2(config: Record<string, unknown>) {
  return tinySibling({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], n_embd: 1024, n_layer: 2, n_head: 8, n_positions: 1024, embd_pdrop: 0.1, attn_pdrop: 0.1, ...config });
}

test('GPT-2: gelu_new keeps three more MLP-wide tensors, gelu_fast six, and resid_pdrop a one-byte mask after each sublayer', () => {
  const plan = tinyPlan({ peft: { ...LORA_QV, target_modules: ['c_attn'], fan_in_fan_out: true }, training: NO_GC });
  // ln_1/ln_2 run in fp32 under autocast (layer_norm is on its fp32 list) and keep their fp32 input:
  // 4,096 (mean and rstd, 8 bytes per row, below resolution); their output is fp32, so the LoRA cast is a
  // no-op and lora_A's bf16 copy is the one kept: c_attn LoRA 2 × 1024 + 2 × 16 = 2,080.
  // SDPA on the split c_attn output, 8 KV heads: q, k, v 3 × 2,048, output 2,048, lse 32 = 8,224;
  // attn_pdrop is applied inside the kernel (no mask), embd_pdrop to an input that needs no grad.
  // resid_dropout after attention's c_proj and dropout after the MLP keep a 1-byte mask each: 2 × 1,024.
  // MLP (c_fc, act, c_proj; frozen): the activation's input, c_fc's bf16 output, 2 × 4,096 = 8,192.
  // gelu_new = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): pow keeps x (counted), tanh its output, the
  // last product both factors (0.5·x and 1 + tanh); scalar products and sums keep nothing: 3 × 8,192.
  //   layer 0: 2,080 + 8,224 + 1,024 + 4,096 + 8,192 + 24,576 + 1,024 = 49,216; layer 1: + ln_1 4,096 = 53,312
  //   (49,216 + 53,312) × 512 = 52,494,336, + ln_f's fp32 input 2,097,152
  const gpt2 = (config: Record<string, unknown>) => activations(plan, tinyGpt2(config));
  assert.equal(gpt2({ activation_function: 'gelu_new', resid_pdrop: 0.1 }), 52_494_336 + FINAL_NORM);
  // gelu_fast = 0.5·x·(1 + tanh(x·0.7978845608·(1 + 0.044715·x·x))): the products 0.044715·x · x and
  // x·c · (1 + ...) keep 0.044715·x, x·c and 1 + 0.044715·x·x besides the three above: 6 × 8,192, so
  // 3 × 8,192 more per layer: + 2 × 24,576 × 512 = 25,165,824.
  assert.equal(gpt2({ activation_function: 'gelu_fast', resid_pdrop: 0.1 }), 52_494_336 + 25_165_824 + FINAL_NORM);
  // No hidden dropout: the two masks of each layer go, 2 × 2,048 × 512 = 2,097,152 less.
  assert.equal(gpt2({ activation_function: 'gelu_new', resid_pdrop: 0 }), 52_494_336 - 2_097_152 + FINAL_NORM);
});

test('mixture of experts: the router\'s fp32 softmax, each routed slot\'s intermediates and output, Qwen-MoE\'s shared expert', () => {
  const plan = tinyPlan({ peft: LORA_QV, training: NO_GC });
  // Common to both: LoRA q, v 2 × 2,080 = 4,160, SDPA 5,152, post-attention norm 4,096 = 13,408 in layer
  // 0 and 17,504 in layer 1. The router (frozen Linear) feeds softmax(float32) over 4 experts: 4 × 4 = 16.
  // Per routed slot (top-2), transformers 5 experts (3-D gate_up_proj/down_proj): linear(x, gate_up) is
  // chunked into gate and up, views of one 2 × I buffer that silu and the product keep whole; silu's
  // output; the down output, which the product with the routing weight keeps: 2 × (2I + I) + 2 × 1024.
  // Not counted: the int64 token indices and top-k positions the index ops keep (24 bytes per slot).
  //   Mixtral, I = 2048: 2 × (12,288 + 2,048) = 28,672 → layers 42,096 and 46,192; 88,288 × 512 = 45,203,456
  const mixtral = tinySibling({ model_type: 'mixtral', architectures: ['MixtralForCausalLM'], intermediate_size: 2048, num_local_experts: 4, num_experts_per_tok: 2 });
  assert.equal(activations(plan, mixtral), 45_203_456 + FINAL_NORM);
  //   Qwen2-MoE, I = 1024: 2 × (6,144 + 2,048) = 16,384; its shared expert (gated MLP of 2048) keeps
  //   3 × 2 × 2048 = 12,288 and its output, kept by the product with sigmoid(shared_expert_gate(x)):
  //   2,048 → 16 + 16,384 + 14,336 = 30,736; layers 44,144 and 48,240; 92,384 × 512 = 47,300,608
  const qwenMoe = tinySibling({ model_type: 'qwen2_moe', architectures: ['Qwen2MoeForCausalLM'], num_experts: 4, num_experts_per_tok: 2, moe_intermediate_size: 1024, shared_expert_intermediate_size: 2048 });
  assert.equal(activations(plan, qwenMoe), 47_300_608 + FINAL_NORM);
});
