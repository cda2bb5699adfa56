/**
 * gpt-oss (`model_type: gpt_oss`): Llama-style layers whose attention has biases on q/k/v/o and
 * a learned sink logit per head (`self_attn.sinks`), alternating sliding-window and full layers
 * (no parameters of their own), and a mixture-of-experts MLP whose router (`mlp.router`: weight and
 * bias) and experts (`mlp.experts`: gate_up_proj [E, H, 2I], down_proj [E, I, H], each with a bias)
 * are raw parameters, not nn.Linear (transformers 5.17 modeling_gpt_oss.py). PEFT reaches the
 * experts only through target_parameters.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { decoderDims, decoderNumbers, finishRmsDecoder } from './heads';
import type { Family, FamilyBuild } from './types';

export const gptOssFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'token-cls', 'base'],
  defaults: { vocab_size: 201088, hidden_size: 2880, intermediate_size: 2880, num_hidden_layers: 36, num_attention_heads: 64, num_key_value_heads: 8, head_dim: 64, num_local_experts: 128, num_experts_per_tok: 4, max_position_embeddings: 131072, attention_bias: true, tie_word_embeddings: false },
  build: buildGptOss,
};

function buildGptOss(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const dims = decoderDims(cfg, head);
  const { H, L, nh, nkv, hd, V, base } = dims;
  const I = cfg.num('intermediate_size');
  const E = cfg.num('num_local_experts');
  const bias = cfg.bool('attention_bias', true);
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'GptOssDecoderLayer');
    // The attention module owns its sinks directly; added before its projections so it is listed once.
    inv.params(`${p}.self_attn`, 'GptOssAttention', [{ name: 'sinks', shape: [nh] }], 'Other');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, bias);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, bias);
    inv.container(`${p}.mlp`, 'GptOssMLP');
    inv.params(`${p}.mlp.router`, 'GptOssTopKRouter', [{ name: 'weight', shape: [E, H] }, { name: 'bias', shape: [E] }]);
    inv.params(`${p}.mlp.experts`, 'GptOssExperts', [
      { name: 'gate_up_proj', shape: [E, H, 2 * I] },
      { name: 'gate_up_proj_bias', shape: [E, 2 * I] },
      { name: 'down_proj', shape: [E, I, H] },
      { name: 'down_proj_bias', shape: [E, H] },
    ]);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'GptOss',
    base,
    finalNorm: 'norm',
    numbers: decoderNumbers(dims, cfg, I, { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: I } }),
  });
}
