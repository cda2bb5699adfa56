/**
 * Qwen (1.0: Qwen-7B/14B/72B, `model_type: qwen`), a trust_remote_code model: transformers 5.17 has
 * no class for it, so the names and shapes are those of the Hub repository's own modeling_qwen.py
 * (QWenLMHeadModel). `transformer.wte`, blocks with RMSNorms `ln_1`/`ln_2`, a fused and always
 * biased `attn.c_attn` (hidden → 3 · kv_channels · heads), `attn.c_proj`, and a gated MLP of
 * `w1`/`w2` (hidden → intermediate_size / 2) and `c_proj` back; `no_bias` drops the biases of
 * everything but c_attn. `ln_f`, and an lm_head of its own.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';

export const qwenV1Family: Family = {
  heads: ['causal-lm'],
  // The remote configuration_qwen.py defaults (Qwen-7B's shapes).
  defaults: { vocab_size: 151936, hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, kv_channels: 128, intermediate_size: 22016, no_bias: true, max_position_embeddings: 8192, tie_word_embeddings: false },
  build: buildQwenV1,
};

function buildQwenV1(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const hd = cfg.num('kv_channels');
  const ff = Math.floor(cfg.num('intermediate_size') / 2);
  const V = cfg.num('vocab_size');
  const bias = !cfg.bool('no_bias', true);
  const tie = cfg.bool('tie_word_embeddings', false);
  const inv = new Inventory();
  inv.embedding('transformer.wte', V, H);
  for (let i = 0; i < L; i++) {
    const p = `transformer.h.${i}`;
    inv.container(p, 'QWenBlock');
    inv.norm(`${p}.ln_1`, H, 'RMSNorm');
    inv.container(`${p}.attn`, 'QWenAttention');
    inv.linear(`${p}.attn.c_attn`, H, 3 * nh * hd, true);
    inv.linear(`${p}.attn.c_proj`, nh * hd, H, bias);
    inv.norm(`${p}.ln_2`, H, 'RMSNorm');
    inv.container(`${p}.mlp`, 'QWenMLP');
    inv.linear(`${p}.mlp.w1`, H, ff, bias);
    inv.linear(`${p}.mlp.w2`, H, ff, bias);
    inv.linear(`${p}.mlp.c_proj`, ff, H, bias);
  }
  inv.norm('transformer.ln_f', H, 'RMSNorm');
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: 'transformer.wte', lmBias: false });
  return {
    className: 'QWenLMHeadModel',
    modules: inv.build(),
    inputEmbedding: 'transformer.wte',
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nh, headDim: hd, intermediateSize: ff, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum(['max_position_embeddings', 'seq_length']) },
  };
}
