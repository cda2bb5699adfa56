/**
 * Kimi-Linear (`model_type: kimi_linear`, trust_remote_code): Kimi Delta Attention (KDA) linear layers
 * beside multi-head latent attention layers, each followed by a DeepSeek-style MoE block after the first
 * `first_k_dense_replace` dense layers. Module names follow the Hub's modeling_kimi.py as axolotl 0.18
 * vendors it (src/axolotl/model_support/kimi_linear/, from the Hub repository at revision 6e163f3):
 *   - `linear_attn_config.kda_layers` (1-based) are KDA layers: q/k/v_proj (heads × head_dim), a depthwise
 *     ShortConvolution per projection (fla's nn.Conv1d, no bias), A_log [1, 1, heads, 1], the low-rank
 *     decay f_a_proj → f_b_proj, dt_bias, the beta b_proj, the low-rank output gate g_a_proj → g_b_proj,
 *     a gated RMSNorm over head_dim (o_norm) and o_proj;
 *   - the other layers are MLA without a query LoRA: q_proj, kv_a_proj_with_mqa → kv_a_layernorm →
 *     kv_b_proj, o_proj;
 *   - the MoE block holds an nn.ModuleList of experts, each three nn.Linear (w1 gate, w3 up, w2 down),
 *     a router with a raw weight and an e_score_correction_bias Parameter, and shared experts as one
 *     KimiMLP (gate/up/down_proj) of moe_intermediate_size × num_shared_experts.
 */
import type { ConfigReader } from '../configReader';
import { ModelConfigError } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { finishRmsDecoder } from './heads';
import { nested, recordReads } from './multimodal';
import { LINEAR_ATTENTION_NOTE } from './qwen3Next';
import type { Family, FamilyBuild } from './types';

export const kimiLinearFamily: Family = {
  // The remote code defines KimiLinearModel and KimiLinearForCausalLM only.
  heads: ['causal-lm', 'base'],
  // KimiLinearConfig's own defaults (configuration_kimi.py, same revision).
  defaults: {
    vocab_size: 163840, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, tie_word_embeddings: false,
    num_shared_experts: 0, first_k_dense_replace: 0, moe_layer_freq: 1, mla_use_nope: false,
  },
  build: buildKimiLinear,
};

function buildKimiLinear(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const V = cfg.num('vocab_size');
  const I = cfg.num('intermediate_size');
  const tie = cfg.bool('tie_word_embeddings', false);
  const E = cfg.optNum('num_experts');
  const moeI = E ? cfg.num('moe_intermediate_size') : 0;
  const shared = cfg.num('num_shared_experts');
  const firstDense = cfg.num('first_k_dense_replace');
  const freq = cfg.num('moe_layer_freq');
  const kvRank = cfg.num('kv_lora_rank');
  const nope = cfg.num('qk_nope_head_dim');
  const rope = cfg.num('qk_rope_head_dim');
  const vHead = cfg.num('v_head_dim');
  if (cfg.optNum('q_lora_rank') !== undefined) throw new ModelConfigError('Kimi-Linear\'s MLA layers have no query LoRA: its modeling code asserts `q_lora_rank` is null');
  const lin = nested(cfg, 'linear_attn_config', {});
  const kda = new Set(lin.list('kda_layers').filter((x): x is number => typeof x === 'number'));
  const kHeads = kda.size > 0 ? lin.num('num_heads') : 0;
  const kHd = kda.size > 0 ? lin.num('head_dim') : 0;
  const kernel = kda.size > 0 ? lin.num('short_conv_kernel_size') : 0;
  const proj = kHeads * kHd;
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, 'KimiDecoderLayer');
    const a = `${p}.self_attn`;
    if (kda.has(i + 1)) {
      // A_log and dt_bias belong to the attention module itself: listed before its children, once.
      inv.params(a, 'KimiDeltaAttention', [{ name: 'A_log', shape: [1, 1, kHeads, 1] }, { name: 'dt_bias', shape: [proj] }], 'Other');
      inv.linear(`${a}.q_proj`, H, proj, false);
      inv.linear(`${a}.k_proj`, H, proj, false);
      inv.linear(`${a}.v_proj`, H, proj, false);
      for (const c of ['q_conv1d', 'k_conv1d', 'v_conv1d']) inv.params(`${a}.${c}`, 'ShortConvolution', [{ name: 'weight', shape: [proj, 1, kernel] }], 'Other');
      inv.linear(`${a}.f_a_proj`, H, kHd, false);
      inv.linear(`${a}.f_b_proj`, kHd, proj, false);
      inv.linear(`${a}.b_proj`, H, kHeads, false);
      inv.linear(`${a}.g_a_proj`, H, kHd, false);
      inv.linear(`${a}.g_b_proj`, kHd, proj, false);
      inv.norm(`${a}.o_norm`, kHd, 'RMSNorm');
      inv.linear(`${a}.o_proj`, proj, H, false);
    } else {
      inv.container(a, 'KimiMLAAttention');
      inv.linear(`${a}.q_proj`, H, nh * (nope + rope), false);
      inv.linear(`${a}.kv_a_proj_with_mqa`, H, kvRank + rope, false);
      inv.norm(`${a}.kv_a_layernorm`, kvRank, 'RMSNorm');
      inv.linear(`${a}.kv_b_proj`, kvRank, nh * (nope + vHead), false);
      inv.linear(`${a}.o_proj`, nh * vHead, H, false);
    }
    if (E && i >= firstDense && i % freq === 0) {
      const m = `${p}.block_sparse_moe`;
      inv.container(m, 'KimiSparseMoeBlock');
      for (let e = 0; e < E; e++) {
        const x = `${m}.experts.${e}`;
        inv.container(x, 'KimiBlockSparseMLP');
        inv.linear(`${x}.w1`, H, moeI, false);
        inv.linear(`${x}.w2`, moeI, H, false);
        inv.linear(`${x}.w3`, H, moeI, false);
      }
      inv.params(`${m}.gate`, 'KimiMoEGate', [{ name: 'weight', shape: [E, H] }, { name: 'e_score_correction_bias', shape: [E] }]);
      if (shared > 0) mlp(inv, `${m}.shared_experts`, H, moeI * shared);
    } else {
      mlp(inv, `${p}.mlp`, H, I);
    }
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  recordReads(cfg, lin);
  return finishRmsDecoder(inv, cfg, head, {
    prefix: 'KimiLinear',
    base,
    finalNorm: 'norm',
    numbers: {
      hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: nope + rope, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings'),
      ...(E ? { experts: { count: E, perToken: cfg.num('num_experts_per_token'), intermediateSize: moeI, ...(shared ? { sharedIntermediateSize: moeI * shared } : {}) } } : {}),
    },
    notes: [LINEAR_ATTENTION_NOTE],
  });
}

function mlp(inv: Inventory, name: string, H: number, I: number): void {
  inv.container(name, 'KimiMLP');
  inv.linear(`${name}.gate_proj`, H, I, false);
  inv.linear(`${name}.up_proj`, H, I, false);
  inv.linear(`${name}.down_proj`, I, H, false);
}
