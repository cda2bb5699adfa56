/**
 * Llama 4 Scout / Maverick (`model_type: llama4`, Llama4ForConditionalGeneration): unlike the other
 * vision-language classes it keeps the transformers 4 layout, so names start with `vision_model.`,
 * `multi_modal_projector.` and `language_model.model.` (lm_head is `language_model.lm_head`). The
 * decoder's `moe_layers` (every `interleave_moe_layer_step`-th) hold fused experts
 * (`feed_forward.experts.gate_up_proj` / `down_proj`, 3-D parameters), a router that is an
 * nn.Linear, and a shared expert; the others a dense MLP of `intermediate_size_mlp`. Its q/k norm
 * has no weights.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addLmHead, nested, recordReads, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { LLAMA4_VISION_DEFAULTS, addLlama4Vision } from './visionTowers';

const TEXT_DEFAULTS = {
  vocab_size: 202048,
  hidden_size: 5120,
  intermediate_size: 8192,
  intermediate_size_mlp: 16384,
  num_hidden_layers: 48,
  num_attention_heads: 40,
  num_key_value_heads: 8,
  head_dim: 128,
  num_local_experts: 16,
  num_experts_per_tok: 1,
  interleave_moe_layer_step: 1,
  attention_bias: false,
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
};

export const llama4Family: Family = { heads: ['causal-lm'], defaults: {}, build: buildLlama4 };

/** `moe_layers` as written, else every `interleave_moe_layer_step`-th layer counting from step - 1. */
function moeLayers(text: ConfigReader, L: number): Set<number> {
  const written = text.list('moe_layers').filter((x): x is number => typeof x === 'number');
  if (written.length > 0) return new Set(written);
  const step = text.num('interleave_moe_layer_step');
  const out = new Set<number>();
  for (let i = step - 1; i < L; i += step) out.add(i);
  return out;
}

function buildLlama4(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', TEXT_DEFAULTS);
  const vision = nested(cfg, 'vision_config', LLAMA4_VISION_DEFAULTS);
  const inv = new Inventory();
  const visionOut = addLlama4Vision(inv, vision, 'vision_model');
  inv.linear('multi_modal_projector.linear_1', visionOut, text.num('hidden_size'), false);
  const H = text.num('hidden_size');
  const L = text.num('num_hidden_layers');
  const nh = text.num('num_attention_heads');
  const nkv = text.num('num_key_value_heads');
  const hd = text.optNum('head_dim') ?? Math.floor(H / nh);
  const I = text.num('intermediate_size');
  const E = text.num('num_local_experts');
  const V = text.num('vocab_size');
  const bias = text.bool('attention_bias', false);
  const sparse = moeLayers(text, L);
  const lm = 'language_model.model';
  inv.embedding(`${lm}.embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${lm}.layers.${i}`;
    inv.container(p, 'Llama4TextDecoderLayer');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, bias);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, bias);
    const f = `${p}.feed_forward`;
    if (sparse.has(i)) {
      inv.container(f, 'Llama4TextMoe');
      inv.params(`${f}.experts`, 'Llama4TextExperts', [
        { name: 'gate_up_proj', shape: [E, H, 2 * I] },
        { name: 'down_proj', shape: [E, I, H] },
      ]);
      inv.linear(`${f}.router`, H, E, false, 'Llama4Router');
      mlp(inv, `${f}.shared_expert`, H, I);
    } else mlp(inv, f, H, text.num('intermediate_size_mlp'));
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  inv.norm(`${lm}.norm`, H, 'RMSNorm');
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'language_model.lm_head', `${lm}.embed_tokens`, H, V, tie);
  recordReads(cfg, text, vision);
  return {
    className: 'Llama4ForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}.embed_tokens`,
    outputEmbedding,
    numbers: {
      hiddenSize: H,
      numLayers: L,
      numHeads: nh,
      numKvHeads: nkv,
      headDim: hd,
      // the first layer's MLP width: the experts' where it is sparse (Scout: every layer)
      intermediateSize: sparse.has(0) ? I : text.num('intermediate_size_mlp'),
      vocabSize: V,
      tieWordEmbeddings: tie,
      maxPositions: text.optNum('max_position_embeddings'),
      experts: { count: E, perToken: text.num('num_experts_per_tok'), intermediateSize: I, sharedIntermediateSize: I },
    },
  };
}

function mlp(inv: Inventory, p: string, H: number, I: number): void {
  inv.container(p, 'Llama4TextMLP');
  inv.linear(`${p}.gate_proj`, H, I, false);
  inv.linear(`${p}.up_proj`, H, I, false);
  inv.linear(`${p}.down_proj`, I, H, false);
}
