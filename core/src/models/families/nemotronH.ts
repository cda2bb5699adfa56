/**
 * Nemotron-H / Nemotron 3 (`model_type: nemotron_h`): a stack of single-mixer blocks, each
 * `model.layers.N.{norm, mixer}`, whose mixer is a Mamba-2 mixer (M), GQA attention (*), a squared-ReLU
 * up/down MLP (-) or a mixture of experts (E: router weight, fused non-gated experts
 * `experts.up_proj` [E, I, d] / `down_proj` [E, d, I], a shared up/down MLP, and latent projections
 * when moe_latent_size is set), as `hybrid_override_pattern` or `layers_block_type` lays out
 * (transformers 5.17 modeling_nemotron_h.py). Embeddings are `model.embeddings`, the final norm `model.norm_f`.
 */
import type { ConfigReader } from '../configReader';
import { ModelConfigError } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import { addMamba2Mixer, MAMBA_NOTE } from './mamba';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export const nemotronHFamily: Family = {
  heads: ['causal-lm', 'base'],
  defaults: {
    vocab_size: 131072, hidden_size: 4096, num_attention_heads: 32, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 4096, intermediate_size: 21504,
    ssm_state_size: 128, mamba_num_heads: 128, mamba_head_dim: 64, n_groups: 8, conv_kernel: 4, use_conv_bias: true, use_bias: false, attention_bias: false, mlp_bias: false,
    n_routed_experts: 8, moe_intermediate_size: 7688, moe_shared_expert_intermediate_size: 7688, num_experts_per_tok: 2, tie_word_embeddings: false,
  },
  build: buildNemotronH,
};

type Block = 'mamba' | 'attention' | 'mlp' | 'moe';
const BY_CHAR: Record<string, Block> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe' };
const BY_NAME: Record<string, Block> = { mamba: 'mamba', linear_attention: 'mamba', attention: 'attention', full_attention: 'attention', mlp: 'mlp', moe: 'moe' };

/** The block list: layers_block_type when the file has it, else the pattern string of older files. */
export function nemotronBlocks(cfg: ConfigReader): Block[] {
  const listed = cfg.list('layers_block_type');
  const blocks = listed.length > 0 ? listed.map((t) => BY_NAME[String(t)]) : [...String(cfg.value('hybrid_override_pattern') ?? '')].map((c) => BY_CHAR[c]);
  if (blocks.length === 0 || blocks.some((b) => b === undefined)) throw new ModelConfigError('config.json has no usable `hybrid_override_pattern` or `layers_block_type`');
  return blocks;
}

function buildNemotronH(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = cfg.optNum('head_dim') ?? Math.floor(H / nh);
  const V = cfg.num('vocab_size');
  const blocks = nemotronBlocks(cfg);
  const attnBias = cfg.bool('attention_bias', false);
  const mlpBias = cfg.bool('mlp_bias', false);
  const useBias = cfg.bool('use_bias', false);
  const tie = cfg.bool('tie_word_embeddings', false);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embeddings`, V, H);
  let experts: FamilyBuild['numbers']['experts'];
  blocks.forEach((block, i) => {
    const p = `${base}layers.${i}`;
    inv.container(p, 'NemotronHBlock');
    inv.norm(`${p}.norm`, H, 'RMSNorm');
    const m = `${p}.mixer`;
    if (block === 'mamba') {
      const heads = cfg.num('mamba_num_heads');
      addMamba2Mixer(inv, m, {
        hidden: H, inner: heads * cfg.num('mamba_head_dim'), heads, groups: cfg.num('n_groups'), state: cfg.num('ssm_state_size'), kernel: cfg.num('conv_kernel'),
        inBias: useBias, outBias: useBias, convBias: cfg.bool('use_conv_bias', true), gatedNorm: true, className: 'NemotronHMamba2Mixer',
      });
    } else if (block === 'attention') {
      inv.container(m, 'NemotronHAttention');
      inv.linear(`${m}.q_proj`, H, nh * hd, attnBias);
      inv.linear(`${m}.k_proj`, H, nkv * hd, attnBias);
      inv.linear(`${m}.v_proj`, H, nkv * hd, attnBias);
      inv.linear(`${m}.o_proj`, nh * hd, H, attnBias);
    } else if (block === 'mlp') {
      const I = cfg.num('intermediate_size');
      inv.container(m, 'NemotronHMLP');
      inv.linear(`${m}.up_proj`, H, I, mlpBias);
      inv.linear(`${m}.down_proj`, I, H, mlpBias);
    } else {
      const E = cfg.num('n_routed_experts');
      const I = cfg.num('moe_intermediate_size');
      const sI = cfg.num('moe_shared_expert_intermediate_size');
      const latent = cfg.optNum('moe_latent_size');
      const d = latent ?? H;
      inv.container(m, 'NemotronHMoE');
      inv.params(`${m}.gate`, 'NemotronHTopkRouter', [{ name: 'weight', shape: [E, H] }]);
      inv.params(`${m}.experts`, 'NemotronHExperts', [{ name: 'up_proj', shape: [E, I, d] }, { name: 'down_proj', shape: [E, d, I] }]);
      inv.container(`${m}.shared_experts`, 'NemotronHMLP');
      inv.linear(`${m}.shared_experts.up_proj`, H, sI, mlpBias);
      inv.linear(`${m}.shared_experts.down_proj`, sI, H, mlpBias);
      if (latent !== undefined) {
        inv.linear(`${m}.fc1_latent_proj`, H, latent, mlpBias);
        inv.linear(`${m}.fc2_latent_proj`, latent, H, mlpBias);
      }
      experts = { count: E, perToken: cfg.num('num_experts_per_tok'), intermediateSize: I, sharedIntermediateSize: sI };
    }
  });
  inv.norm(`${base}norm_f`, H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embeddings`, lmBias: false });
  const mlpWidth = cfg.optNum('intermediate_size') ?? 0;
  return {
    className: `NemotronH${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embeddings`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: blocks.length, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: mlpWidth, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings'), experts },
    notes: [MAMBA_NOTE, `Nemotron-H blocks hold one mixer each (${countOf(blocks, 'mamba')} Mamba, ${countOf(blocks, 'attention')} attention, ${countOf(blocks, 'mlp')} MLP, ${countOf(blocks, 'moe')} MoE); memory treats every block as one attention + MLP layer.`],
  };
}

function countOf(blocks: Block[], b: Block): number {
  return blocks.filter((x) => x === b).length;
}
