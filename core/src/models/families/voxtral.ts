/**
 * Voxtral (`model_type: voxtral`, VoxtralForConditionalGeneration): a Whisper-style audio encoder
 * (`audio_tower`), a two-layer projector from four stacked audio frames (audio intermediate_size)
 * into the text width, and a Llama language model kept whole as `language_model` (so its layers
 * are `language_model.model.layers.N` and its head `language_model.lm_head`).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { dimsToNumbers, llamaBackbone, llamaLikeFamily } from './llama';
import { addLmHead, nested, recordReads, tiedEmbeddings } from './multimodal';
import type { Family, FamilyBuild } from './types';
import { addWhisperEncoder } from './whisper';

const AUDIO_DEFAULTS = { hidden_size: 1280, intermediate_size: 5120, num_hidden_layers: 32, num_mel_bins: 128, max_source_positions: 1500 };

export const voxtralFamily: Family = { heads: ['causal-lm'], defaults: {}, build: buildVoxtral };

function buildVoxtral(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const audio = nested(cfg, 'audio_config', AUDIO_DEFAULTS);
  const text = nested(cfg, 'text_config', llamaLikeFamily('llama').defaults);
  const inv = new Inventory();
  inv.tower('audio_tower');
  const A = audio.num('intermediate_size');
  addWhisperEncoder(inv, { d: audio.num('hidden_size'), ffn: A, layers: audio.num('num_hidden_layers'), mels: audio.num('num_mel_bins'), positions: audio.num('max_source_positions') }, 'audio_tower', 'VoxtralEncoderLayer');
  const lm = 'language_model.model.';
  const d = llamaBackbone(inv, text, 'llama', lm);
  inv.linear('multi_modal_projector.linear_1', A, d.H, false);
  inv.linear('multi_modal_projector.linear_2', d.H, d.H, false);
  const tie = tiedEmbeddings(cfg, text, false);
  const outputEmbedding = addLmHead(inv, 'language_model.lm_head', `${lm}embed_tokens`, d.H, d.V, tie);
  recordReads(cfg, audio, text);
  return {
    className: 'VoxtralForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: { ...dimsToNumbers(d, text), tieWordEmbeddings: tie },
  };
}
