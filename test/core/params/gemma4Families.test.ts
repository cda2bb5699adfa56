/**
 * Gemma 4 (transformers v5.17 models/gemma4): each catalog inventory adds up to the published count
 * (the class's parameters; the Hub's safetensors total adds one layer_scalar buffer per layer), and
 * LoRA counts worked out by hand from the module shapes. A public project's config-only probe of the
 * E2B, E4B and 31B checkpoints (rank 8, regexes over language, vision and audio projections) gives the
 * same module and parameter counts as the sums below.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import type { Architecture } from '../../../core/src/models/types';
import type { TrainingPlan } from '../../../core/src/plan';
import { catalog, peftPlan } from '../../helpers/models';

function lora(arch: Architecture, peft: Record<string, unknown>) {
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 8, ...peft }), arch);
  return { trainable: r.counts?.trainable, modules: r.counts?.adapterModules, codes: r.findings.map((f) => f.code) };
}

/** LoRA r=8 on one Linear: A [8, in] and B [out, 8]. */
const l8 = (inF: number, outF: number) => 8 * (inF + outF);

/** axolotl's Gemma 4 example regex: the language model's attention and MLP projections only. */
const AXOLOTL = 'model.language_model.layers.[\\d]+.(_checkpoint_wrapped_module.)?(mlp|self_attn).(up|down|gate|q|k|v|o)_proj';
const PROJ = '(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)';

test('Gemma 4 totals: E2B 5,104,297,504, E4B 7,941,100,832, 26B-A4B 25,805,933,872, 31B 31,273,086,512', () => {
  for (const [id, total] of [
    ['google/gemma-4-E2B-it', 5104297504],
    ['google/gemma-4-E4B', 7941100832],
    ['google/gemma-4-26B-A4B', 25805933872],
    ['google/gemma-4-31B-it', 31273086512],
  ] as const) {
    const g = catalog(id);
    assert.deepEqual([g.totalParams, g.className, g.tieWordEmbeddings], [total, 'Gemma4ForConditionalGeneration', true], id);
  }
});

test('Gemma 4 E2B: KV-shared layers 15-34 have no k/v projections and a double-wide MLP; per-layer embeddings', () => {
  const g = catalog('google/gemma-4-E2B-it');
  const mod = (n: string) => g.modules.find((m) => m.name === `model.language_model.${n}`);
  // layer 4 is a full-attention layer: 512-wide heads; layer 0 slides with 256
  assert.equal(mod('layers.4.self_attn.q_proj')?.outFeatures, 8 * 512);
  assert.equal(mod('layers.0.self_attn.k_proj')?.outFeatures, 256);
  assert.equal(mod('layers.15.self_attn.k_proj'), undefined);
  assert.equal(mod('layers.15.self_attn.q_proj')?.outFeatures, 8 * 256);
  assert.deepEqual([mod('layers.14.mlp.up_proj')?.outFeatures, mod('layers.15.mlp.up_proj')?.outFeatures], [6144, 12288]);
  assert.equal(mod('embed_tokens_per_layer')?.params, 262144 * 35 * 256);
  // the towers' blocks are not decoder layers
  assert.equal(g.modules.find((m) => m.name === 'model.vision_tower.encoder.layers.3.self_attn.q_proj.linear')?.layer, undefined);
  assert.equal(mod('layers.3.self_attn.q_proj')?.layer, 3);
});

test('Gemma 4 E2B LoRA r=8: the language projections (205 modules), the towers through the Linear inside Gemma4ClippableLinear', () => {
  const g = catalog('google/gemma-4-E2B-it');
  const sliding = l8(1536, 2048) + 2 * l8(1536, 256) + l8(2048, 1536);
  const full = l8(1536, 4096) + 2 * l8(1536, 512) + l8(4096, 1536);
  const mlp = (w: number) => 2 * l8(1536, w) + l8(w, 1536);
  // layers 0-14 (3 full: 4, 9, 14) own k/v; layers 15-34 (4 full) have only q and o, and MLPs of 12,288
  const text = 12 * (sliding + mlp(6144)) + 3 * (full + mlp(6144)) + 16 * (l8(1536, 2048) + l8(2048, 1536) + mlp(12288)) + 4 * (l8(1536, 4096) + l8(4096, 1536) + mlp(12288));
  assert.equal(text, 12079104);
  assert.deepEqual(lora(g, { target_modules: AXOLOTL }), { trainable: text, modules: 205, codes: [] });
  // 16 vision blocks × 7 projections, 12 audio layers × q/k/v: the public probe's 2,260,992 and 589,824
  assert.deepEqual(lora(g, { target_modules: `.*vision_tower\\..*\\.${PROJ}\\.linear` }), { trainable: 16 * (4 * l8(768, 768) + 3 * l8(768, 3072)), modules: 112, codes: [] });
  assert.equal(16 * (4 * l8(768, 768) + 3 * l8(768, 3072)), 2260992);
  assert.deepEqual(lora(g, { target_modules: `.*audio_tower\\..*\\.${PROJ}\\.linear` }), { trainable: 36 * l8(1024, 1024), modules: 36, codes: [] });
  // a plain name reaches the towers' wrappers, which PEFT cannot adapt
  assert.deepEqual(lora(g, { target_modules: ['q_proj', 'v_proj'] }).codes, ['model/unsupported-layer']);
  // PEFT 0.21's default for gemma4 is a regex on the language model's q_proj/v_proj
  const qv = 12 * (l8(1536, 2048) + l8(1536, 256)) + 3 * (l8(1536, 4096) + l8(1536, 512)) + 16 * l8(1536, 2048) + 4 * l8(1536, 4096);
  assert.deepEqual(lora(g, {}), { trainable: qv, modules: 35 + 15, codes: [] });
});

test('Gemma 4 E4B and 31B LoRA r=8 on the language projections: 258 and 410 modules, as the public probe counts them', () => {
  const e4b = catalog('google/gemma-4-E4B-it');
  assert.deepEqual([lora(e4b, { target_modules: AXOLOTL }).modules, lora(e4b, { target_modules: AXOLOTL }).trainable], [258, 17440768]);
  const b31 = catalog('google/gemma-4-31B');
  // attention_k_eq_v: the 10 full layers have 4 key heads of 512 and no v_proj; 50 sliding layers 16 of 256
  const mlp = 2 * l8(5376, 21504) + l8(21504, 5376);
  const sliding = l8(5376, 8192) + 2 * l8(5376, 4096) + l8(8192, 5376);
  const full = l8(5376, 16384) + l8(5376, 2048) + l8(16384, 5376);
  assert.equal(50 * (sliding + mlp) + 10 * (full + mlp), 61214720);
  assert.deepEqual(lora(b31, { target_modules: AXOLOTL }), { trainable: 61214720, modules: 410, codes: [] });
  assert.equal(b31.modules.some((m) => m.name.startsWith('model.audio_tower')), false);
  assert.deepEqual(lora(b31, { target_modules: `.*vision_tower\\..*\\.${PROJ}\\.linear` }).modules, 189);
});

test('Gemma 4 26B-A4B: 128 fused experts beside a dense MLP in every layer; target_parameters reaches them', () => {
  const g = catalog('google/gemma-4-26B-A4B');
  assert.deepEqual(g.experts, { count: 128, perToken: 8, intermediateSize: 704, sharedIntermediateSize: 2112 });
  assert.equal(g.modules.find((m) => m.name === 'model.language_model.layers.0.experts')?.params, 128 * 3 * 704 * 2816);
  assert.equal(g.modules.find((m) => m.name === 'model.language_model.layers.0.router.proj')?.type, 'Linear');
  const attn = 25 * (l8(2816, 4096) + 2 * l8(2816, 2048) + l8(4096, 2816)) + 5 * (l8(2816, 8192) + l8(2816, 1024) + l8(8192, 2816));
  const dense = 30 * (2 * l8(2816, 2112) + l8(2112, 2816));
  assert.deepEqual(lora(g, { target_modules: AXOLOTL }), { trainable: attn + dense, modules: 30 * 6 + 25, codes: [] });
  // axolotl's MoE example adds the experts through target_parameters: rank × experts × (in + out) per tensor
  const experts = 30 * (8 * 128 * (1408 + 2816) + 8 * 128 * (2816 + 704));
  assert.equal(lora(g, { target_modules: AXOLOTL, target_parameters: ['experts.gate_up_proj', 'experts.down_proj'] }).trainable, attn + dense + experts);
});

test('Gemma 4 12B (gemma4_unified, 11,959,730,176): no towers, an encoder-free image embedder; LoRA r=8 as a public run counts it', () => {
  const g = catalog('google/gemma-4-12B-it');
  assert.deepEqual([g.totalParams, g.className], [11959730176, 'Gemma4UnifiedForConditionalGeneration']);
  assert.equal(g.modules.some((m) => /vision_tower|audio_tower|per_layer/.test(m.name)), false);
  // embed_vision: LayerNorm(6912), Linear 6912 → 3840 with bias, two LayerNorms, the 1120 × 2 × 3840 table, 3840 → 3840
  const embedVision = g.modules.filter((m) => m.name.startsWith('model.embed_vision')).reduce((s, m) => s + m.params, 0);
  assert.equal(embedVision, 2 * 6912 + 6912 * 3840 + 3840 + 4 * 3840 + 1120 * 2 * 3840 + 3840 * 3840);
  // 40 sliding layers (16 heads of 256, 8 KV heads), 8 full (512-wide, 1 key head, no v_proj): 32,784,384 LoRA parameters
  const mlp = 2 * l8(3840, 15360) + l8(15360, 3840);
  const text = 40 * (2 * l8(3840, 4096) + 2 * l8(3840, 2048) + mlp) + 8 * (2 * l8(3840, 8192) + l8(3840, 512) + mlp);
  assert.equal(text, 32784384);
  assert.deepEqual(lora(g, { target_modules: AXOLOTL }), { trainable: text, modules: 40 * 7 + 8 * 6, codes: [] });
  // all-linear adds the image embedder's two Linears and the audio projection 640 → 3840
  assert.equal(lora(g, { target_modules: 'all-linear' }).trainable, text + l8(6912, 3840) + l8(3840, 3840) + l8(640, 3840));
});

test('LLaMA-Factory on Gemma 4 (registered since 0.9.5): the towers and both embedders stay frozen, lora_target all reaches the language model', () => {
  const g = catalog('google/gemma-4-E2B-it');
  const plan: TrainingPlan = { format: 'llamafactory', method: { value: 'lora' }, peft: { peft_type: 'LORA', r: 8, target_modules: 'all-linear' }, training: {} };
  const r = countParams(plan, g);
  // the 205 projections, then per_layer_model_projection 1536 → 8960 and each layer's PLE gate 1536 → 256 and projection 256 → 1536
  const text = 12079104 + l8(1536, 35 * 256) + 35 * 2 * l8(1536, 256);
  assert.deepEqual([r.counts?.trainable, r.findings.map((f) => f.code)], [text, []]);
});
