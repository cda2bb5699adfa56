/**
 * Llama 3.2 Vision (`model_type: mllama`, MllamaForConditionalGeneration in transformers 5): the
 * tiled vision encoder under `model.vision_model`, a biased projection (`model.multi_modal_projector`)
 * from vision_output_dim into the text width, and a Llama language model under `model.language_model`
 * whose `cross_attention_layers` are cross-attention blocks (`cross_attn` with q/k norms and two
 * scalar tanh gates) instead of self-attention. The embedding table has 8 extra rows for the image
 * and padding tokens; lm_head keeps the plain vocabulary.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addLmHead, nested, recordReads, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { MLLAMA_VISION_DEFAULTS, addMllamaVision } from './visionTowers';

const TEXT_DEFAULTS = { vocab_size: 128256, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 40, num_attention_heads: 32, num_key_value_heads: 8, cross_attention_layers: [3, 8, 13, 18, 23, 28, 33, 38], max_position_embeddings: 131072, tie_word_embeddings: false };

export const mllamaFamily: Family = { heads: ['causal-lm'], defaults: {}, build: buildMllama };

function buildMllama(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', TEXT_DEFAULTS);
  const vision = nested(cfg, 'vision_config', MLLAMA_VISION_DEFAULTS);
  const inv = new Inventory();
  const visionOut = addMllamaVision(inv, vision, 'model.vision_model');
  const H = text.num('hidden_size');
  const L = text.num('num_hidden_layers');
  const nh = text.num('num_attention_heads');
  const nkv = text.num('num_key_value_heads');
  const hd = Math.floor(H / nh);
  const I = text.num('intermediate_size');
  const V = text.num('vocab_size');
  const cross = new Set(text.list('cross_attention_layers'));
  const lm = 'model.language_model';
  inv.embedding(`${lm}.embed_tokens`, V + 8, H);
  for (let i = 0; i < L; i++) {
    const p = `${lm}.layers.${i}`;
    const isCross = cross.has(i);
    if (isCross) inv.params(p, 'MllamaCrossAttentionDecoderLayer', [{ name: 'cross_attn_attn_gate', shape: [1] }, { name: 'cross_attn_mlp_gate', shape: [1] }], 'Other');
    else inv.container(p, 'MllamaSelfAttentionDecoderLayer');
    const a = `${p}.${isCross ? 'cross_attn' : 'self_attn'}`;
    inv.linear(`${a}.q_proj`, H, nh * hd, false);
    inv.linear(`${a}.k_proj`, H, nkv * hd, false);
    inv.linear(`${a}.v_proj`, H, nkv * hd, false);
    inv.linear(`${a}.o_proj`, nh * hd, H, false);
    if (isCross) {
      inv.norm(`${a}.q_norm`, hd, 'RMSNorm');
      inv.norm(`${a}.k_norm`, hd, 'RMSNorm');
    }
    inv.container(`${p}.mlp`, 'MllamaTextMLP');
    inv.linear(`${p}.mlp.gate_proj`, H, I, false);
    inv.linear(`${p}.mlp.up_proj`, H, I, false);
    inv.linear(`${p}.mlp.down_proj`, I, H, false);
    inv.norm(`${p}.input_layernorm`, H, 'RMSNorm');
    inv.norm(`${p}.post_attention_layernorm`, H, 'RMSNorm');
  }
  inv.norm(`${lm}.norm`, H, 'RMSNorm');
  inv.linear('model.multi_modal_projector', visionOut, H, true);
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}.embed_tokens`, H, V, tie);
  recordReads(cfg, text, vision);
  return {
    className: 'MllamaForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}.embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: text.optNum('max_position_embeddings') },
  };
}
