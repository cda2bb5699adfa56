/**
 * Model traits that change what a layer saves, derived by hand: dropout (from config.json or the
 * config class's default when config.json omits the key: GPT-2's 0.1, transformers 5.17), and
 * parallel blocks whose attention and MLP share one input norm (Phi-1/2, Falcon-7B), sliding-window
 * masks, attention soft-capping.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttentionLayout, LayerTraining } from '../../../core/src/estimate/memory/layerActivations';
import { layerSavedPerToken } from '../../../core/src/estimate/memory/layerActivations';
import { embeddingDropout, layerDims, logitSoftcap, slidingWindow } from '../../../core/src/estimate/memory/layerDims';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import type { AdaptedLinear } from '../../../core/src/estimate/memory/method';
import { countedModel, countParams } from '../../../core/src/estimate/params/countParams';
import { buildArchitecture } from '../../../core/src/models/architecture';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { LORA_QV, set, termsOf, tinyArch, tinyPlan } from './tiny';

const GPT2 = { model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], n_embd: 256, n_layer: 2, n_head: 4, vocab_size: 1000, n_positions: 1024 };
const NO_DROPOUT = { resid_pdrop: 0, attn_pdrop: 0, embd_pdrop: 0 };
const gpt2 = (extra: Record<string, unknown> = {}) => buildArchitecture({ ...GPT2, ...extra }, { id: 'tiny-gpt2', source: 'local' });

function lora(config: Record<string, unknown>, training: { gc: boolean; attention?: 'sdpa' | 'eager' }) {
  const arch = gpt2(config);
  const plan: TrainingPlan = {
    format: 'peft-adapter',
    model: set('tiny-gpt2'),
    method: set('lora'),
    peft: { peft_type: 'LORA', r: 8, lora_alpha: 16, target_modules: ['c_attn'] },
    training: {
      microBatchSize: set(1), sequenceLength: set(512), gradientCheckpointing: set(training.gc), precision: set('bf16'),
      weightDtype: set('bf16'), optimizer: set('adamw_torch'), attention: set(training.attention ?? 'sdpa'), gpus: set(1), loop: set('plain'),
    },
  };
  const counted = countedModel(countParams(plan, arch))!;
  return termsOf(estimateMemory(plan, counted, DEFAULT_SETTINGS).breakdown);
}

test('GPT-2 without dropout keys in config.json trains with the config class\'s 0.1 everywhere', () => {
  assert.deepEqual([layerDims(gpt2()).hiddenDropout, layerDims(gpt2()).attentionDropout, embeddingDropout(gpt2())], [true, true, true]);
  assert.deepEqual([layerDims(gpt2(NO_DROPOUT)).hiddenDropout, layerDims(gpt2(NO_DROPOUT)).attentionDropout, embeddingDropout(gpt2(NO_DROPOUT))], [false, false, false]);
});

test('dropout masks: one byte per element after attention and the MLP, on the embeddings when they need a gradient, per score under eager', () => {
  // Without checkpointing, LoRA on c_attn makes a gradient flow through both sublayers of both layers:
  //   2 masks × 256 B per token per layer → 2 × 2 × 256 × 512 = 524,288. The embeddings' output needs
  //   no gradient (nothing below trains), so their dropout keeps no mask.
  const sdpa = (c: Record<string, unknown>) => lora(c, { gc: false }).activations;
  assert.equal(sdpa({}) - sdpa(NO_DROPOUT), 524_288);
  // Eager attention keeps a one-byte mask per score too: 4 heads × 512 keys per token per layer → 2 × 2,048 × 512.
  const eager = (c: Record<string, unknown>) => lora(c, { gc: false, attention: 'eager' }).activations;
  assert.equal(eager({}) - eager(NO_DROPOUT), 524_288 + 2_097_152);
  // With checkpointing, PEFT's enable_input_require_grads makes the embedding output require grad: its
  //   mask (256 B per token) stays from forward to the end of backward; the layers' masks are recomputed.
  const gc = (c: Record<string, unknown>) => lora(c, { gc: true })['checkpointed layer inputs'];
  assert.equal(gc({}) - gc(NO_DROPOUT), 256 * 512);
});

const PHI = { model_type: 'phi', architectures: ['PhiForCausalLM'], hidden_size: 256, intermediate_size: 1024, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 1000, hidden_act: 'gelu' };
const SDPA: AttentionLayout = { eager: false, kvRatio: 1, kvPerQuery: 512, nativeGqa: true, maskBytesPerQuery: 0, cachedKv: false };
const adapter = (name: string, role: AdaptedLinear['role'], inFeatures: number, outFeatures: number): AdaptedLinear => ({ name, layer: 1, role, inFeatures, outFeatures, r: 8, dropout: 0, kind: 'lora' });

test('Phi-2: attention and MLP share the one input norm, so no second norm and one saved normed input', () => {
  const dims = layerDims(buildArchitecture(PHI, { id: 'tiny-phi', source: 'local' }));
  assert.equal(dims.sharedNorm, true);
  const train = (gradIn: boolean): LayerTraining => ({ gradIn, full: false, prefix: false, adapters: [adapter('q_proj', 'q', 256, 256), adapter('v_proj', 'v', 256, 256), adapter('fc1', 'up', 256, 1024)] });
  const bytes = { act: 2, attn: 2, adapterCopy: 0 };
  // Input needs grad: the norm's fp32 input 1,024; the normed input all three adapters read 512; their
  //   rank-8 outputs 3 × 16; SDPA's q, k, v, output 4 × 512 and lse 16; fc1's output 2,048 → 5,696.
  assert.equal(layerSavedPerToken(dims, bytes, SDPA, train(true)), 5_696);
  // Read as a sequential block it would add a second norm's fp32 input (1,024) and fc1's own input (512).
  assert.equal(layerSavedPerToken({ ...dims, sharedNorm: false }, bytes, SDPA, train(true)), 5_696 + 1_536);
  // Nothing below trains: no first norm, and the MLP beside attention gets no gradient from it (fc1's
  //   LoRA still keeps its intermediates): 512 + 48 + 2,064 + 2,048 = 4,672.
  assert.equal(layerSavedPerToken(dims, bytes, SDPA, train(false)), 4_672);
});

test('Falcon: one norm in parallel blocks (7B), two in the new decoder architecture', () => {
  const falcon = (extra: Record<string, unknown>) =>
    layerDims(buildArchitecture({ model_type: 'falcon', architectures: ['FalconForCausalLM'], hidden_size: 256, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 1000, ...extra }, { id: 'tiny-falcon', source: 'local' }));
  assert.equal(falcon({ parallel_attn: true, multi_query: true }).sharedNorm, true);
  assert.equal(falcon({ new_decoder_architecture: true, num_kv_heads: 2 }).sharedNorm, false);
});

test('a sliding window the keys reach makes transformers materialise a mask: SDPA keeps it as a bias and expands K/V', () => {
  // The tiny Llama shape as Mistral with a 512-token window, LoRA on q/v, batch 1, no checkpointing.
  const mistral = (window: number, attention: 'sdpa' | 'flash_attention_2' = 'sdpa') => {
    const arch = buildArchitecture({ ...tinyArch().config, model_type: 'mistral', architectures: ['MistralForCausalLM'], sliding_window: window }, { id: 'tiny-mistral', source: 'local' });
    const plan = tinyPlan({ peft: LORA_QV, training: { gradientCheckpointing: set(false), attention: set(attention) } });
    return termsOf(estimateMemory(plan, countedModel(countParams(plan, arch))!, DEFAULT_SETTINGS).breakdown).activations;
  };
  // 512 keys reach a 512-token window: per token and layer the bf16 bias over 512 keys (1,024 B), and K
  //   and V expanded from 2 to 8 heads (2 × 6 × 128 × 2 B = 3,072 B) → 4,096 × 2 layers × 512 tokens.
  assert.equal(mistral(512) - mistral(513), 4_096 * 2 * 512);
  // Flash attention takes the window as an argument: no mask.
  assert.equal(mistral(512, 'flash_attention_2'), mistral(513, 'flash_attention_2'));
  assert.equal(mistral(513), mistral(1 << 20));
});

test('Gemma-2 alternates sliding and global layers; configs listing layer_types are read as written', () => {
  const arch = (extra: Record<string, unknown>) => buildArchitecture({ ...tinyArch().config, ...extra }, { id: 'x', source: 'local' });
  const gemma2 = slidingWindow(arch({ model_type: 'gemma2', sliding_window: 4096 }))!;
  assert.deepEqual([gemma2.size, gemma2.sliding(0), gemma2.sliding(1)], [4096, true, false]);
  const listed = slidingWindow(arch({ model_type: 'qwen3', sliding_window: 64, layer_types: ['full_attention', 'sliding_attention'] }))!;
  assert.deepEqual([listed.sliding(0), listed.sliding(1)], [false, true]);
  assert.equal(slidingWindow(arch({ model_type: 'qwen2', sliding_window: 32768, use_sliding_window: false })), undefined);
});

test('a composite model (Gemma 3, 3n, 4, the VLMs) is read from its text_config: window, soft-caps, activation', () => {
  const tiny = tinyArch();
  const text = { sliding_window: 512, sliding_window_pattern: 6, final_logit_softcapping: 30, attn_logit_softcapping: 50, hidden_act: 'gelu_pytorch_tanh' };
  const composite = { ...tiny, modelType: 'gemma3', config: { model_type: 'gemma3', text_config: text } };
  const flat = { ...tiny, modelType: 'gemma3', config: { model_type: 'gemma3', ...text } };
  const window = slidingWindow(composite)!;
  // Every sliding_window_pattern-th layer is global: layers 0-4 slide, layer 5 does not.
  assert.deepEqual([window.size, window.sliding(4), window.sliding(5)], [512, true, false]);
  assert.equal(logitSoftcap(composite), true);
  assert.deepEqual(layerDims(composite), layerDims(flat));
  assert.equal(layerDims(composite).attentionSoftcap, true);
  // Without text_config the top level is read as before.
  assert.equal(logitSoftcap({ ...tiny, config: { model_type: 'llama' } }), false);
});

test('eager attention with logit soft-capping keeps tanh\'s bf16 output per score', () => {
  const dims = layerDims(tinyArch());
  const eager: AttentionLayout = { ...SDPA, eager: true, nativeGqa: false };
  const train: LayerTraining = { gradIn: true, full: false, prefix: false, adapters: [] };
  const bytes = { act: 2, attn: 2, adapterCopy: 0 };
  // 8 heads × 512 keys × 2 B per token.
  assert.equal(layerSavedPerToken({ ...dims, attentionSoftcap: true }, bytes, eager, train) - layerSavedPerToken(dims, bytes, eager, train), 8 * 512 * 2);
  assert.equal(layerSavedPerToken({ ...dims, attentionSoftcap: true }, bytes, SDPA, train), layerSavedPerToken(dims, bytes, SDPA, train));
});
