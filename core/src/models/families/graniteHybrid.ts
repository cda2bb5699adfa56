/**
 * Granite 4.0 (`model_type: granitemoehybrid`): each layer is a Mamba-2 mixer (`mamba`, Bamba's) or
 * GQA attention (`self_attn`, NoPE or RoPE) as `layer_types` says, then a shared SwiGLU MLP
 * (`shared_mlp.input_linear` hidden → 2 × shared width, `output_linear`) beside, when
 * num_local_experts > 0, GraniteMoE's experts (`block_sparse_moe.router.layer` an nn.Linear,
 * `input_linear` / `output_linear` ParallelExperts holding [E, out, in] weights); lm_head tied by
 * default (transformers 5.17 modular_granitemoehybrid.py over granitemoeshared). The dense Granite
 * 4.0 models (350M, 1B, Micro) are all-attention layers without experts.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import { addMamba2Mixer, MAMBA_NOTE } from './mamba';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const graniteHybridFamily: Family = {
  heads: ['causal-lm', 'seq-cls', 'base'],
  defaults: {
    vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, shared_intermediate_size: 1024, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048,
    num_local_experts: 8, num_experts_per_tok: 2, attention_bias: false, mamba_n_heads: 128, mamba_n_groups: 1, mamba_d_state: 256, mamba_d_conv: 4, mamba_expand: 2,
    mamba_conv_bias: true, mamba_proj_bias: false, tie_word_embeddings: true,
  },
  build: buildGraniteHybrid,
};

function buildGraniteHybrid(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = Math.floor(H / nh);
  const V = cfg.num('vocab_size');
  const E = cfg.num('num_local_experts');
  const I = cfg.num('intermediate_size');
  const sI = cfg.num('shared_intermediate_size');
  const types = cfg.list('layer_types');
  const bias = cfg.bool('attention_bias', false);
  const projBias = cfg.bool('mamba_proj_bias', false);
  const mixer = {
    hidden: H, inner: cfg.num('mamba_expand') * H, heads: cfg.num('mamba_n_heads'), groups: cfg.num('mamba_n_groups'), state: cfg.num('mamba_d_state'), kernel: cfg.num('mamba_d_conv'),
    inBias: projBias, outBias: projBias, convBias: cfg.bool('mamba_conv_bias', true), gatedNorm: true, className: 'GraniteMoeHybridMambaLayer',
  };
  const tie = cfg.bool('tie_word_embeddings', true);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'GraniteMoeHybridDecoderLayer');
    if (types[i] === 'mamba') addMamba2Mixer(inv, `${p}.mamba`, mixer);
    else {
      inv.container(`${p}.self_attn`, 'GraniteMoeHybridAttention');
      inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, bias);
      inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, bias);
      inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, bias);
      inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, bias);
    }
    if (E > 0) {
      const m = `${p}.block_sparse_moe`;
      inv.container(m, 'GraniteMoeHybridMoE');
      inv.params(`${m}.input_linear`, 'GraniteMoeHybridParallelExperts', [{ name: 'weight', shape: [E, 2 * I, H] }]);
      inv.params(`${m}.output_linear`, 'GraniteMoeHybridParallelExperts', [{ name: 'weight', shape: [E, H, I] }]);
      inv.linear(`${m}.router.layer`, H, E, false);
    }
    inv.container(`${p}.shared_mlp`, 'GraniteMoeHybridMLP');
    inv.linear(`${p}.shared_mlp.input_linear`, H, 2 * sI, false);
    inv.linear(`${p}.shared_mlp.output_linear`, sI, H, false);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  inv.norm(`${base}norm`, H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_tokens`, lmBias: false });
  return {
    className: `GraniteMoeHybrid${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: {
      hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: sI, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings'),
      ...(E > 0 ? { experts: { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: I, sharedIntermediateSize: sI } } : {}),
    },
    notes: types.includes('mamba') ? [MAMBA_NOTE] : [],
  };
}
