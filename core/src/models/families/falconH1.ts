/**
 * Falcon-H1 (`model_type: falcon_h1`): every layer runs Llama-style attention and a Mamba-2 mixer
 * side by side on one input norm (`input_layernorm`), then a gated MLP named `feed_forward` after
 * `pre_ff_layernorm`; `final_layernorm`, lm_head tied or not (transformers 5.17 modeling_falcon_h1.py).
 * The µP multipliers scale activations and own no parameters.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { decoderDims, decoderNumbers, finishRmsDecoder } from './heads';
import { addMamba2Mixer, MAMBA_NOTE } from './mamba';
import type { Family, FamilyBuild } from './types';

export const falconH1Family: Family = {
  heads: ['causal-lm', 'base'],
  defaults: {
    vocab_size: 128000, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 8192,
    mamba_d_ssm: 1024, mamba_n_heads: 128, mamba_n_groups: 1, mamba_d_state: 256, mamba_d_conv: 4, mamba_expand: 2, mamba_conv_bias: true, mamba_proj_bias: false, mamba_rms_norm: false, projectors_bias: false,
    attention_bias: false, mlp_bias: false, tie_word_embeddings: false,
  },
  build: buildFalconH1,
};

function buildFalconH1(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head);
  const { H, L, nh, nkv, hd, V, base } = dims;
  const I = cfg.num('intermediate_size');
  // mamba_d_ssm: null means expand × hidden; only a missing key takes the class default (1024).
  const inner = (cfg.raw.mamba_d_ssm === null ? undefined : cfg.optNum('mamba_d_ssm')) ?? cfg.num('mamba_expand') * H;
  const attnBias = cfg.bool('attention_bias', false);
  const mlpBias = cfg.bool('mlp_bias', false);
  const mixer = {
    hidden: H, inner, heads: cfg.num('mamba_n_heads'), groups: cfg.num('mamba_n_groups'), state: cfg.num('mamba_d_state'), kernel: cfg.num('mamba_d_conv'),
    inBias: cfg.bool('mamba_proj_bias', false), outBias: cfg.bool('projectors_bias', false), convBias: cfg.bool('mamba_conv_bias', true), gatedNorm: cfg.bool('mamba_rms_norm', false), className: 'FalconH1Mixer',
  };
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'FalconH1DecoderLayer');
    inv.container(`${p}.feed_forward`, 'FalconH1MLP');
    inv.linear(`${p}.feed_forward.gate_proj`, H, I, mlpBias);
    inv.linear(`${p}.feed_forward.up_proj`, H, I, mlpBias);
    inv.linear(`${p}.feed_forward.down_proj`, I, H, mlpBias);
    addMamba2Mixer(inv, `${p}.mamba`, mixer);
    inv.container(`${p}.self_attn`, 'FalconH1Attention');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, attnBias);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, attnBias);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, attnBias);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, attnBias);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.pre_ff_layernorm`, H, 'RMSNorm');
  }
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'FalconH1',
    base,
    finalNorm: 'final_layernorm',
    numbers: decoderNumbers(dims, cfg, I),
    notes: [MAMBA_NOTE],
  });
}
