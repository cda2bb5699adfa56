/**
 * Whisper (`model_type: whisper`, WhisperForConditionalGeneration) and the Whisper-style audio
 * encoder other speech models reuse: two Conv1d layers over the mel frames, a learned position
 * table, pre-norm layers whose k_proj has no bias, a final LayerNorm. The decoder adds
 * cross-attention (`encoder_attn`); `proj_out` is tied to the decoder's embed_tokens. PEFT 0.21
 * has no default targets for whisper, and all-linear leaves proj_out out.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import type { Family, FamilyBuild } from './types';

const WHISPER_DEFAULTS = { vocab_size: 51865, num_mel_bins: 80, d_model: 384, encoder_layers: 4, decoder_layers: 4, encoder_attention_heads: 6, decoder_attention_heads: 6, encoder_ffn_dim: 1536, decoder_ffn_dim: 1536, max_source_positions: 1500, max_target_positions: 448, tie_word_embeddings: true };

export const whisperFamily: Family = { heads: ['seq2seq-lm', 'base'], defaults: WHISPER_DEFAULTS, build: buildWhisper };

function conv1d(inv: Inventory, name: string, inC: number, outC: number, k: number): void {
  inv.params(name, 'Conv1d', [{ name: 'weight', shape: [outC, inC, k] }, { name: 'bias', shape: [outC] }], 'Other');
}

function attention(inv: Inventory, p: string, d: number): void {
  inv.linear(`${p}.k_proj`, d, d, false);
  inv.linear(`${p}.v_proj`, d, d, true);
  inv.linear(`${p}.q_proj`, d, d, true);
  inv.linear(`${p}.out_proj`, d, d, true);
}

export interface AudioEncoderDims {
  d: number;
  ffn: number;
  layers: number;
  mels: number;
  positions: number;
}

/** Whisper's encoder at `p` (WhisperEncoder; Voxtral's audio tower has the same modules). */
export function addWhisperEncoder(inv: Inventory, e: AudioEncoderDims, p: string, className: string): void {
  conv1d(inv, `${p}.conv1`, e.mels, e.d, 3);
  conv1d(inv, `${p}.conv2`, e.d, e.d, 3);
  inv.embedding(`${p}.embed_positions`, e.positions, e.d);
  for (let i = 0; i < e.layers; i++) {
    const l = `${p}.layers.${i}`;
    inv.container(l, className);
    attention(inv, `${l}.self_attn`, e.d);
    inv.norm(`${l}.self_attn_layer_norm`, e.d, 'LayerNorm');
    inv.linear(`${l}.fc1`, e.d, e.ffn, true);
    inv.linear(`${l}.fc2`, e.ffn, e.d, true);
    inv.norm(`${l}.final_layer_norm`, e.d, 'LayerNorm');
  }
  inv.norm(`${p}.layer_norm`, e.d, 'LayerNorm');
}

function buildWhisper(cfg: ConfigReader, head: ModelHead): FamilyBuild {
  const d = cfg.num('d_model');
  const V = cfg.num('vocab_size');
  const Le = cfg.num('encoder_layers');
  const Ld = cfg.num('decoder_layers');
  const ffn = cfg.num('decoder_ffn_dim');
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  addWhisperEncoder(inv, { d, ffn: cfg.num('encoder_ffn_dim'), layers: Le, mels: cfg.num('num_mel_bins'), positions: cfg.num('max_source_positions') }, `${base}encoder`, 'WhisperEncoderLayer');
  const dec = `${base}decoder`;
  inv.embedding(`${dec}.embed_tokens`, V, d);
  inv.embedding(`${dec}.embed_positions`, cfg.num('max_target_positions'), d);
  for (let i = 0; i < Ld; i++) {
    const l = `${dec}.layers.${i}`;
    inv.container(l, 'WhisperDecoderLayer');
    attention(inv, `${l}.self_attn`, d);
    inv.norm(`${l}.self_attn_layer_norm`, d, 'LayerNorm');
    attention(inv, `${l}.encoder_attn`, d);
    inv.norm(`${l}.encoder_attn_layer_norm`, d, 'LayerNorm');
    inv.linear(`${l}.fc1`, d, ffn, true);
    inv.linear(`${l}.fc2`, ffn, d, true);
    inv.norm(`${l}.final_layer_norm`, d, 'LayerNorm');
  }
  inv.norm(`${dec}.layer_norm`, d, 'LayerNorm');
  const tie = cfg.bool('tie_word_embeddings', true);
  let outputEmbedding: string | undefined;
  if (head === 'seq2seq-lm') {
    if (tie) inv.tied('proj_out', `${dec}.embed_tokens`, 'Linear', d, V);
    else inv.linear('proj_out', d, V, false);
    outputEmbedding = 'proj_out';
  }
  const nh = cfg.num('decoder_attention_heads');
  return {
    className: head === 'seq2seq-lm' ? 'WhisperForConditionalGeneration' : 'WhisperModel',
    modules: inv.build(),
    inputEmbedding: `${dec}.embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: d, numLayers: Le, numDecoderLayers: Ld, numHeads: nh, numKvHeads: nh, headDim: Math.floor(d / nh), intermediateSize: ffn, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_target_positions') },
  };
}
