/**
 * Qwen3-Next (`model_type: qwen3_next`): three Gated DeltaNet linear-attention layers to one gated
 * full-attention layer (`full_attention_interval`, or `layer_types`), each followed by Qwen-MoE's
 * sparse block (router weight, fused experts, a shared expert and its sigmoid gate). The linear
 * layer `linear_attn` projects with in_proj_qkvz / in_proj_ba, mixes with a bias-free depthwise
 * conv1d, owns dt_bias and A_log, normalises per value head and projects back with out_proj; the
 * full layer's q_proj emits queries and their output gate (transformers 5.17 modeling_qwen3_next.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { decoderDims, decoderNumbers, finishRmsDecoder } from './heads';
import type { Family, FamilyBuild } from './types';

export const qwen3NextFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'token-cls', 'question-answering', 'base'],
  defaults: {
    vocab_size: 151936, hidden_size: 2048, intermediate_size: 5632, num_hidden_layers: 48, num_attention_heads: 16, num_key_value_heads: 2, head_dim: 256, max_position_embeddings: 32768,
    linear_conv_kernel_dim: 4, linear_key_head_dim: 128, linear_value_head_dim: 128, linear_num_key_heads: 16, linear_num_value_heads: 32, full_attention_interval: 4,
    decoder_sparse_step: 1, moe_intermediate_size: 512, shared_expert_intermediate_size: 512, num_experts_per_tok: 10, num_experts: 512, attention_bias: false, tie_word_embeddings: false,
  },
  build: buildQwen3Next,
};

/** The note an estimate on a model with linear-attention layers carries (PEFT 0.21). */
export const LINEAR_ATTENTION_NOTE =
  'Linear-attention layers: PEFT adapts their nn.Linear projections; all-linear does not pick the depthwise conv1d, and A_log and dt_bias are raw parameters no target_modules name reaches. Memory treats these layers as attention layers; the delta rule\'s own saved states are not modelled.';

function isFullAttention(cfg: ConfigReader, i: number): boolean {
  const types = cfg.list('layer_types');
  if (types.length > 0) return types[i] === 'full_attention';
  return (i + 1) % cfg.num('full_attention_interval') === 0;
}

function buildQwen3Next(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head);
  const { H, L, nh, nkv, hd, V, base } = dims;
  const E = cfg.num('num_experts');
  const moeI = cfg.num('moe_intermediate_size');
  const sI = cfg.num('shared_expert_intermediate_size', 0);
  const bias = cfg.bool('attention_bias', false);
  const kHeads = cfg.num('linear_num_key_heads');
  const vHeads = cfg.num('linear_num_value_heads');
  const keyDim = kHeads * cfg.num('linear_key_head_dim');
  const vHead = cfg.num('linear_value_head_dim');
  const valueDim = vHeads * vHead;
  const kernel = cfg.num('linear_conv_kernel_dim');
  const step = cfg.num('decoder_sparse_step', 1);
  const denseOnly = cfg.list('mlp_only_layers');
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'Qwen3NextDecoderLayer');
    if (isFullAttention(cfg, i)) {
      const a = `${p}.self_attn`;
      inv.container(a, 'Qwen3NextAttention');
      inv.linear(`${a}.q_proj`, H, 2 * nh * hd, bias);
      inv.linear(`${a}.k_proj`, H, nkv * hd, bias);
      inv.linear(`${a}.v_proj`, H, nkv * hd, bias);
      inv.linear(`${a}.o_proj`, nh * hd, H, bias);
      inv.norm(`${a}.q_norm`, hd, 'RMSNorm');
      inv.norm(`${a}.k_norm`, hd, 'RMSNorm');
    } else {
      const a = `${p}.linear_attn`;
      // The layer owns dt_bias and A_log directly; listed before its children so it is listed once.
      inv.params(a, 'Qwen3NextGatedDeltaNet', [{ name: 'dt_bias', shape: [vHeads] }, { name: 'A_log', shape: [vHeads] }], 'Other');
      inv.params(`${a}.conv1d`, 'Conv1d', [{ name: 'weight', shape: [2 * keyDim + valueDim, 1, kernel] }], 'Other');
      inv.linear(`${a}.in_proj_qkvz`, H, 2 * keyDim + 2 * valueDim, false);
      inv.linear(`${a}.in_proj_ba`, H, 2 * vHeads, false);
      inv.norm(`${a}.norm`, vHead, 'RMSNorm');
      inv.linear(`${a}.out_proj`, valueDim, H, false);
    }
    const m = `${p}.mlp`;
    if (!denseOnly.includes(i) && E > 0 && (i + 1) % step === 0) {
      inv.container(m, 'Qwen3NextSparseMoeBlock');
      inv.params(`${m}.gate`, 'Qwen3NextTopKRouter', [{ name: 'weight', shape: [E, H] }]);
      inv.params(`${m}.experts`, 'Qwen3NextExperts', [{ name: 'gate_up_proj', shape: [E, 2 * moeI, H] }, { name: 'down_proj', shape: [E, H, moeI] }]);
      if (sI) {
        inv.container(`${m}.shared_expert`, 'Qwen3NextMLP');
        inv.linear(`${m}.shared_expert.gate_proj`, H, sI, false);
        inv.linear(`${m}.shared_expert.up_proj`, H, sI, false);
        inv.linear(`${m}.shared_expert.down_proj`, sI, H, false);
        inv.linear(`${m}.shared_expert_gate`, H, 1, false);
      }
    } else {
      const I = cfg.num('intermediate_size');
      inv.container(m, 'Qwen3NextMLP');
      inv.linear(`${m}.gate_proj`, H, I, false);
      inv.linear(`${m}.up_proj`, H, I, false);
      inv.linear(`${m}.down_proj`, I, H, false);
    }
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'Qwen3Next',
    base,
    finalNorm: 'norm',
    numbers: decoderNumbers(dims, cfg, cfg.num('intermediate_size'), { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: moeI, ...(sI ? { sharedIntermediateSize: sI } : {}) } }),
    notes: [LINEAR_ATTENTION_NOTE],
  });
}
