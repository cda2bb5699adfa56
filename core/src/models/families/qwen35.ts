/**
 * Qwen3.5 and Qwen3.5-MoE (`model_type: qwen3_5` / `qwen3_5_moe`, Qwen3_5*ForConditionalGeneration
 * in transformers 5): a Qwen3-VL vision tower without deepstack mergers under `model.visual`, and a
 * hybrid language model under `model.language_model` whose `layer_types` alternate Gated DeltaNet
 * linear attention (`linear_attn`: in_proj_qkv, in_proj_z, in_proj_b, in_proj_a, a depthwise conv1d,
 * a gated RMSNorm, out_proj) with gated full attention (`self_attn`: q_proj twice as wide, because
 * its second half gates the output, plus per-head q/k norms). The checkpoints' multi-token-prediction
 * weights (`mtp.*`) are not part of the transformers class and are not counted.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addLmHead, nested, recordReads, textConfig, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { QWEN3_VISION_DEFAULTS, addQwen3Vision } from './visionTowers';

const TEXT_DEFAULTS = {
  vocab_size: 248320,
  hidden_size: 4096,
  intermediate_size: 12288,
  num_hidden_layers: 32,
  num_attention_heads: 16,
  num_key_value_heads: 4,
  head_dim: 256,
  attention_bias: false,
  full_attention_interval: 4,
  linear_conv_kernel_dim: 4,
  linear_key_head_dim: 128,
  linear_value_head_dim: 128,
  linear_num_key_heads: 16,
  linear_num_value_heads: 32,
  max_position_embeddings: 32768,
  tie_word_embeddings: false,
};
const MOE_DEFAULTS = { ...TEXT_DEFAULTS, hidden_size: 2048, num_hidden_layers: 40, num_key_value_heads: 2, num_experts: 256, num_experts_per_tok: 8, moe_intermediate_size: 512, shared_expert_intermediate_size: 512 };

export const QWEN35_TYPES = ['qwen3_5', 'qwen3_5_moe'];

export function qwen35Family(modelType: string): Family {
  const moe = modelType === 'qwen3_5_moe';
  return { heads: ['causal-lm'], defaults: {}, build: (cfg, head) => buildQwen35(cfg, head, moe) };
}

/** `layer_types` as written, else every `full_attention_interval`-th layer is full attention. */
export function qwen35LayerTypes(text: ConfigReader, layers: number): string[] {
  const written = text.list('layer_types').filter((t): t is string => typeof t === 'string');
  if (written.length === layers) return written;
  const every = text.num('full_attention_interval');
  return Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? 'full_attention' : 'linear_attention'));
}

function buildQwen35(cfg: ConfigReader, _head: ModelHead, moe: boolean): FamilyBuild {
  const text = textConfig(cfg, moe ? MOE_DEFAULTS : TEXT_DEFAULTS);
  const vision = nested(cfg, 'vision_config', QWEN3_VISION_DEFAULTS);
  const inv = new Inventory();
  addQwen3Vision(inv, vision, 'model.visual', false);
  const lm = 'model.language_model';
  const H = text.num('hidden_size');
  const L = text.num('num_hidden_layers');
  const nh = text.num('num_attention_heads');
  const nkv = text.num('num_key_value_heads');
  const hd = text.num('head_dim');
  const V = text.num('vocab_size');
  const prefix = moe ? 'Qwen3_5Moe' : 'Qwen3_5';
  inv.embedding(`${lm}.embed_tokens`, V, H);
  const types = qwen35LayerTypes(text, L);
  for (let i = 0; i < L; i++) {
    const p = `${lm}.layers.${i}`;
    inv.container(p, `${prefix}DecoderLayer`);
    if (types[i] === 'linear_attention') addLinearAttention(inv, text, H, `${p}.linear_attn`, prefix);
    else addGatedAttention(inv, text, { H, nh, nkv, hd }, `${p}.self_attn`, prefix);
    if (moe) addSparseMoe(inv, text, H, `${p}.mlp`, prefix);
    else addMlp(inv, H, text.num('intermediate_size'), `${p}.mlp`, `${prefix}MLP`);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  inv.norm(`${lm}.norm`, H, 'RMSNorm');
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}.embed_tokens`, H, V, tie);
  recordReads(cfg, text, vision);
  const experts = moe
    ? { count: text.num('num_experts'), perToken: text.num('num_experts_per_tok'), intermediateSize: text.num('moe_intermediate_size'), sharedIntermediateSize: text.num('shared_expert_intermediate_size') }
    : undefined;
  return {
    className: `${prefix}ForConditionalGeneration`,
    modules: inv.build(),
    inputEmbedding: `${lm}.embed_tokens`,
    outputEmbedding,
    numbers: {
      hiddenSize: H,
      numLayers: L,
      numHeads: nh,
      numKvHeads: nkv,
      headDim: hd,
      intermediateSize: moe ? text.num('moe_intermediate_size') : text.num('intermediate_size'),
      vocabSize: V,
      tieWordEmbeddings: tie,
      maxPositions: text.optNum('max_position_embeddings'),
      experts,
    },
  };
}

/** Gated DeltaNet: q/k/v projected together and run through a depthwise causal conv, then gated. */
function addLinearAttention(inv: Inventory, t: ConfigReader, H: number, p: string, prefix: string): void {
  const kHeads = t.num('linear_num_key_heads');
  const vHeads = t.num('linear_num_value_heads');
  const keyDim = kHeads * t.num('linear_key_head_dim');
  const vDim = t.num('linear_value_head_dim');
  const valueDim = vHeads * vDim;
  const convDim = 2 * keyDim + valueDim;
  inv.params(p, `${prefix}GatedDeltaNet`, [{ name: 'dt_bias', shape: [vHeads] }, { name: 'A_log', shape: [vHeads] }], 'Other');
  inv.params(`${p}.conv1d`, 'Conv1d', [{ name: 'weight', shape: [convDim, 1, t.num('linear_conv_kernel_dim')] }], 'Other');
  inv.norm(`${p}.norm`, vDim, 'RMSNorm');
  inv.linear(`${p}.out_proj`, valueDim, H, false);
  inv.linear(`${p}.in_proj_qkv`, H, convDim, false);
  inv.linear(`${p}.in_proj_z`, H, valueDim, false);
  inv.linear(`${p}.in_proj_b`, H, vHeads, false);
  inv.linear(`${p}.in_proj_a`, H, vHeads, false);
}

function addGatedAttention(inv: Inventory, t: ConfigReader, d: { H: number; nh: number; nkv: number; hd: number }, p: string, prefix: string): void {
  const bias = t.bool('attention_bias', false);
  inv.container(p, `${prefix}Attention`);
  inv.linear(`${p}.q_proj`, d.H, 2 * d.nh * d.hd, bias);
  inv.linear(`${p}.k_proj`, d.H, d.nkv * d.hd, bias);
  inv.linear(`${p}.v_proj`, d.H, d.nkv * d.hd, bias);
  inv.linear(`${p}.o_proj`, d.nh * d.hd, d.H, bias);
  inv.norm(`${p}.q_norm`, d.hd, 'RMSNorm');
  inv.norm(`${p}.k_norm`, d.hd, 'RMSNorm');
}

function addMlp(inv: Inventory, H: number, I: number, p: string, className: string): void {
  inv.container(p, className);
  inv.linear(`${p}.gate_proj`, H, I, false);
  inv.linear(`${p}.up_proj`, H, I, false);
  inv.linear(`${p}.down_proj`, I, H, false);
}

/** Routed experts stored fused (transformers 5), a router, and one shared expert behind a sigmoid gate. */
function addSparseMoe(inv: Inventory, t: ConfigReader, H: number, p: string, prefix: string): void {
  const E = t.num('num_experts');
  const I = t.num('moe_intermediate_size');
  inv.container(p, `${prefix}SparseMoeBlock`);
  inv.params(`${p}.gate`, `${prefix}TopKRouter`, [{ name: 'weight', shape: [E, H] }]);
  inv.params(`${p}.experts`, `${prefix}Experts`, [
    { name: 'gate_up_proj', shape: [E, 2 * I, H] },
    { name: 'down_proj', shape: [E, H, I] },
  ]);
  addMlp(inv, H, t.num('shared_expert_intermediate_size'), `${p}.shared_expert`, `${prefix}MLP`);
  inv.linear(`${p}.shared_expert_gate`, H, 1, false);
}
