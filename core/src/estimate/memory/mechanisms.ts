/**
 * The memory model's mechanisms by name: every byte the estimate adds up passes through `counted`
 * under the mechanism that put it there. The estimator itself never drops one. The seam exists so
 * that the ablation test (test/core/memory/ablation.test.ts) can remove each mechanism on its own and
 * prove that some test notices: a mechanism no test can tell apart from zero is unverified.
 *
 * The removed mechanism is read from a global rather than a module variable because each test file
 * is its own bundle with its own copy of this module; a preload sets the global for a whole process.
 */
export const MECHANISMS = {
  // Held by the process (the caching allocator counts them)
  'cuBLAS workspaces': "cuBLAS/cuBLASLt workspaces for forward's and backward's handles, allocated through torch's caching allocator",
  // Model states (per GPU, independent of batch and sequence)
  'base weights': 'the frozen (or fully trained) base parameters in their storage dtype or quantized form',
  'adapter weights': 'the trainable adapter parameters in the adapter dtype',
  gradients: 'one gradient per trainable parameter, in its dtype',
  'optimizer states': 'the optimizer moments per trainable parameter',
  'optimizer step temporaries': "the foreach step's per-parameter temporaries and per-tensor update buffers",
  'optimizer step in backward': "optimizer_in_bwd's step temporaries for the one parameter stepping in its backward hook",
  'fp32 master weights': "DeepSpeed's fp32 copy of the trainable parameters",
  'autocast weight copies': 'compute-dtype copies of fp32 Linear weights that autograd keeps',
  'gathered parameter shards': 'FSDP layers gathered whole for compute',
  'unsharded parameters through backward': "FSDP's unsharded copies kept from forward to backward without reshard_after_forward (FSDP2) or under SHARD_GRAD_OP",
  'ZeRO-3 persistent parameters': 'parameters under stage3_param_persistence_threshold, kept whole on every GPU',
  'ZeRO-3 live parameters': "modules ZeRO-3 keeps gathered entering backward: those within stage3_max_reuse_distance of their next use, and the one computing",
  'ZeRO-3 prefetch': 'modules ZeRO-3 gathers ahead of backward, up to stage3_prefetch_bucket_size and under stage3_max_live_parameters',
  'gradient buckets': "DDP's and DeepSpeed's gradient communication buckets",
  'prequantized checkpoint storage': "a GPTQ/AWQ/AQLM/bitsandbytes checkpoint's packed Linear weights with their scales, zeros and codebooks",
  'dequantized weight': 'a 4/8-bit Linear dequantized to the compute dtype for its matmul',
  'DoRA weight norm': "DoRA's per-layer weight-norm temporaries",
  // What each decoder layer saves for backward
  'norm fp32 inputs': 'the fp32 input each RMSNorm/LayerNorm keeps',
  'norm outputs': 'the normalised output a trained RMSNorm keeps for its weight gradient',
  'trained linear inputs': 'the input a Linear whose weight trains keeps',
  'attention q/k/v': 'the query, key and value tensors the attention kernel keeps',
  'attention output': "attention's output, kept by the kernel and by o_proj",
  'attention log-sum-exp': 'the fp32 log-sum-exp of SDPA/flash kernels',
  'eager attention probabilities': "eager attention's fp32 softmax and its compute-dtype cast",
  'attention mask bias': "the additive mask the memory-efficient SDPA kernel keeps",
  'prefix key/value cache': "prefix tuning's Cache object keeping the concatenated keys and values",
  'q/k norms': "QK-norm's fp32 inputs (and outputs when trained)",
  'MLP intermediates': "the MLP's gate, activation and up (or fc1) outputs",
  'MLP activation extras': 'intermediate tensors a composed activation keeps beyond its input',
  'MoE routing and experts': "the router's fp32 softmax and each routed expert slot's intermediates",
  'hidden dropout masks': 'the one-byte masks of dropout after attention and after the MLP',
  'attention soft-capping': "eager attention's tanh output per score under attention logit soft-capping (Gemma-2)",
  'attention dropout mask': "eager attention's one-byte dropout mask per attention score",
  'embedding dropout mask': 'the one-byte mask of dropout on the embeddings, kept when their output needs a gradient',
  'compiled norm saves': "a compiled norm's one compute-dtype tensor and fp32 statistics per token, in place of its fp32 input",
  'adapter input copy': "a LoRA-family layer's own compute-dtype copy of its fp32-cast input",
  'adapter dropout': "lora_dropout's dropped input and its mask",
  'adapter rank intermediate': "the rank-r product between lora_A and lora_B",
  'DoRA outputs': "DoRA's base and adapter outputs, kept for the magnitude's gradient",
  '(IA)³ and VeRA saves': 'the tensors (IA)³ scales and VeRA\'s scaled intermediates',
  'dense adapter deltas': "LoHa/LoKr's dense weight delta and VeRA's cast projections, per layer",
  'checkpointed layer inputs': 'the layer inputs gradient checkpointing keeps instead of activations',
  'layer backward temporaries': "the gradients of a layer's intermediates alive during its backward",
  'final norm and output layer inputs': 'what the final norm and a trained output layer keep',
  // The logits and the loss
  'log-softmax output': "cross-entropy's fp32 log-softmax, kept for backward",
  'loss gradients': "the loss's fp32 gradients in backward",
  'logits held by the loop': 'the model output a plain loop keeps alive through backward',
  'soft-capped logits': "Gemma-2's tanh output, kept until backward reaches it",
  'chunked loss': 'the chunked or fused cross-entropy in place of full logits',
  'Liger fused linear cross-entropy': "Liger's input and weight gradients computed in forward, its per-position loss and one chunk's logits",
  'Liger RMSNorm saves': "Liger's RMSNorm kernel's saved input and fp32 rstd per token, in place of the fp32 input",
  'compiled cross-entropy': "torch.compile's fused cross-entropy: the logits in their dtype plus an fp32 log-sum-exp, one chunk's gradient",
} as const;

export type Mechanism = keyof typeof MECHANISMS;

const REMOVED = '__peftLensRemovedMechanism';

/** The bytes a mechanism contributes (zero only while the ablation test has removed it). */
export function counted(mechanism: Mechanism, bytes: number): number {
  return (globalThis as Record<string, unknown>)[REMOVED] === mechanism ? 0 : bytes;
}
