/**
 * Jamba (`model_type: jamba`): attention layers every `attn_layer_period` (from `attn_layer_offset`),
 * Mamba layers otherwise; every `expert_layer_period`-th feed-forward (from `expert_layer_offset`) is a
 * mixture of experts whose router is an nn.Linear and whose experts are Mixtral's fused parameters.
 * The Mamba (v1) mixer: in_proj (hidden → 2 × inner), depthwise conv1d, x_proj, dt_proj, RMSNorms over
 * dt/B/C, A_log [inner, state] and D [inner] on the mixer itself, out_proj (transformers 5.17
 * modular_jamba.py).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { decoderDims, decoderNumbers, finishRmsDecoder } from './heads';
import { MAMBA_NOTE } from './mamba';
import type { Family, FamilyBuild } from './types';

export const jambaFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: {
    vocab_size: 65536, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 262144,
    num_experts_per_tok: 2, num_experts: 16, expert_layer_period: 2, expert_layer_offset: 1, attn_layer_period: 8, attn_layer_offset: 4,
    mamba_d_state: 16, mamba_d_conv: 4, mamba_expand: 2, mamba_dt_rank: 'auto', mamba_conv_bias: true, mamba_proj_bias: false, tie_word_embeddings: false,
  },
  build: buildJamba,
};

function buildJamba(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head, { headDim: false });
  const { H, L, nh, nkv, hd, V, base } = dims;
  const I = cfg.num('intermediate_size');
  const E = cfg.num('num_experts');
  const inner = cfg.num('mamba_expand') * H;
  const state = cfg.num('mamba_d_state');
  // JambaConfig turns mamba_dt_rank "auto" into ceil(hidden / 16).
  const dtRank = cfg.optNum('mamba_dt_rank') ?? Math.ceil(H / 16);
  const kernel = cfg.num('mamba_d_conv');
  const projBias = cfg.bool('mamba_proj_bias', false);
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    const attention = i % cfg.num('attn_layer_period') === cfg.num('attn_layer_offset');
    inv.container(p, attention ? 'JambaAttentionDecoderLayer' : 'JambaMambaDecoderLayer');
    if (attention) {
      inv.container(`${p}.self_attn`, 'JambaAttention');
      inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, false);
      inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, false);
      inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, false);
      inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, false);
    } else {
      const m = `${p}.mamba`;
      // The mixer owns A_log and D directly; listed before its children so it is listed once.
      inv.params(m, 'JambaMambaMixer', [{ name: 'A_log', shape: [inner, state] }, { name: 'D', shape: [inner] }], 'Other');
      inv.params(`${m}.conv1d`, 'Conv1d', [{ name: 'weight', shape: [inner, 1, kernel] }, ...(cfg.bool('mamba_conv_bias', true) ? [{ name: 'bias', shape: [inner] }] : [])], 'Other');
      inv.linear(`${m}.in_proj`, H, 2 * inner, projBias);
      inv.linear(`${m}.x_proj`, inner, dtRank + 2 * state, false);
      inv.linear(`${m}.dt_proj`, dtRank, inner, true);
      inv.linear(`${m}.out_proj`, inner, H, projBias);
      inv.norm(`${m}.dt_layernorm`, dtRank, 'RMSNorm');
      inv.norm(`${m}.b_layernorm`, state, 'RMSNorm');
      inv.norm(`${m}.c_layernorm`, state, 'RMSNorm');
    }
    const f = `${p}.feed_forward`;
    if (E > 1 && i % cfg.num('expert_layer_period') === cfg.num('expert_layer_offset')) {
      inv.container(f, 'JambaSparseMoeBlock');
      inv.linear(`${f}.router`, H, E, false);
      inv.params(`${f}.experts`, 'JambaExperts', [{ name: 'gate_up_proj', shape: [E, 2 * I, H] }, { name: 'down_proj', shape: [E, H, I] }]);
    } else {
      inv.container(f, 'JambaMLP');
      inv.linear(`${f}.gate_proj`, H, I, false);
      inv.linear(`${f}.up_proj`, H, I, false);
      inv.linear(`${f}.down_proj`, I, H, false);
    }
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.pre_ff_layernorm`, H, 'RMSNorm');
  }
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'Jamba',
    base,
    finalNorm: 'final_layernorm',
    numbers: decoderNumbers(dims, cfg, I, { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: I } }),
    notes: [MAMBA_NOTE.replace('A_log, D and dt_bias', 'A_log and D')],
  });
}
