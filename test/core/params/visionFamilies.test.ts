/**
 * Vision-language families: each inventory adds up to the parameter count on the model's Hub page
 * (the safetensors total), and LoRA counts worked out by hand from the module shapes, with PEFT
 * 0.21's default targets (none for most of these model_types) and with `all-linear`, which PEFT
 * expands to every nn.Linear of the model, the vision tower and projector included, lm_head left out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import type { Architecture } from '../../../core/src/models/types';
import type { TrainingPlan } from '../../../core/src/plan';
import { catalog, peftPlan } from '../../helpers/models';

function lora(arch: Architecture, peft: Record<string, unknown>) {
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 8, ...peft }), arch);
  return { trainable: r.counts?.trainable, total: r.counts?.total, codes: r.findings.map((f) => f.code) };
}

const TEXT_ONLY = 'model.language_model.layers.[\\d]+.(mlp|cross_attn|self_attn).(up|down|gate|q|k|v|o)_proj';

test('Qwen2-VL and Qwen2.5-VL: totals of the Hub pages (8,291,375,616 and 8,292,166,656)', () => {
  assert.equal(catalog('Qwen/Qwen2-VL-7B-Instruct').totalParams, 8291375616);
  const q = catalog('Qwen/Qwen2.5-VL-7B-Instruct');
  assert.equal(q.totalParams, 8292166656);
  assert.equal(q.className, 'Qwen2_5_VLForConditionalGeneration');
  assert.equal(q.modules.find((m) => m.name === 'model.visual.blocks.0.attn.qkv')?.type, 'Linear');
  // the tower's blocks are not decoder layers: the memory estimate reads layer 0 of the language model
  assert.equal(q.modules.find((m) => m.name === 'model.visual.blocks.0.attn.qkv')?.layer, undefined);
  assert.equal(q.modules.find((m) => m.name === 'model.language_model.layers.0.self_attn.q_proj')?.layer, 0);
});

test('Qwen2.5-VL-7B LoRA r=8: no PEFT default; all-linear reaches the tower and merger; a language-model regex does not', () => {
  const q = catalog('Qwen/Qwen2.5-VL-7B-Instruct');
  assert.deepEqual(lora(q, {}).codes, ['model/no-default-targets']);
  // q: 8·(3584+3584), v: 8·(3584+512) per layer; the tower's attention is one fused qkv, so it adds nothing
  assert.equal(lora(q, { target_modules: ['q_proj', 'v_proj'] }).trainable, 28 * (57344 + 32768));
  // text per layer q 57,344 k 32,768 v 32,768 o 57,344 gate/up/down 3 × 8·(3584+18944)
  const text = 28 * (57344 + 32768 + 32768 + 57344 + 3 * 180224);
  // tower per block qkv 8·(1280+3840), proj 8·2560, gate/up/down 3 × 8·(1280+3420); merger 8·(5120+5120) + 8·(5120+3584)
  const vision = 32 * (40960 + 20480 + 3 * 37600) + 81920 + 69632;
  assert.equal(lora(q, { target_modules: 'all-linear' }).trainable, text + vision);
  assert.equal(lora(q, { target_modules: TEXT_ONLY }).trainable, text);
});

test('Qwen3-VL-4B (4,437,815,808) and Qwen3-VL-30B-A3B (31,070,754,032); all-linear includes the deepstack mergers', () => {
  const q = catalog('Qwen/Qwen3-VL-4B-Instruct');
  assert.equal(q.totalParams, 4437815808);
  assert.equal(catalog('Qwen/Qwen3-VL-30B-A3B-Instruct').totalParams, 31070754032);
  // text per layer q 8·(2560+4096) k/v 8·(2560+1024) o 8·(4096+2560) gate/up/down 8·(2560+9728); lm_head (tied) left out
  const text = 36 * (53248 + 2 * 28672 + 53248 + 3 * 98304);
  // tower per block qkv 8·(1024+3072), proj 8·2048, linear_fc1/fc2 8·(1024+4096); merger + 3 deepstack mergers 8·(4096+4096) + 8·(4096+2560)
  const vision = 24 * (32768 + 16384 + 2 * 40960) + 4 * (65536 + 53248);
  assert.equal(lora(q, { target_modules: 'all-linear' }).trainable, text + vision);
});

test('Qwen3-VL-MoE: the fused experts are parameters, not modules, and transformers 5 has no conversion for them', () => {
  const q = catalog('Qwen/Qwen3-VL-30B-A3B-Instruct');
  assert.equal(q.modules.find((m) => m.name === 'model.language_model.layers.0.mlp.experts')?.type, 'Parameter');
  // attention only: q 8·(2048+4096), k/v 8·(2048+512), o 8·(4096+2048)
  assert.equal(lora(q, { target_modules: TEXT_ONLY }).trainable, 48 * (49152 + 2 * 20480 + 49152));
});

test('Qwen3.5-27B (27,356,728,560 without the mtp.* weights): linear-attention and gated full-attention layers', () => {
  const q = catalog('Qwen/Qwen3.5-27B');
  assert.equal(q.totalParams, 27356728560);
  assert.equal(q.modules.find((m) => m.name === 'model.language_model.layers.0.linear_attn.in_proj_qkv')?.outFeatures, 2 * 16 * 128 + 48 * 128);
  // the full-attention q_proj also produces the output gate: 2 × 24 heads × 256
  assert.equal(q.modules.find((m) => m.name === 'model.language_model.layers.3.self_attn.q_proj')?.outFeatures, 12288);
  assert.deepEqual(lora(q, {}).codes, ['model/no-default-targets']);
  // axolotl's Qwen3.5 example: q/k/v/o exist in the 16 full-attention layers only, up/down in all 64
  const attn = 16 * (8 * (5120 + 12288) + 2 * 8 * (5120 + 1024) + 8 * (6144 + 5120));
  assert.equal(lora(q, { target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'down_proj', 'up_proj'] }).trainable, attn + 64 * 2 * 8 * (5120 + 17408));
  const moe = catalog('Qwen/Qwen3.5-35B-A3B');
  assert.equal(moe.totalParams, 35107181936);
  assert.equal(moe.className, 'Qwen3_5MoeForConditionalGeneration');
});

test('Llama 3.2 Vision 11B (10,670,220,835) and 90B (88,593,355,323): cross-attention layers and the gated tower', () => {
  const m = catalog('meta-llama/Llama-3.2-11B-Vision-Instruct');
  assert.equal(m.totalParams, 10670220835);
  assert.equal(catalog('meta-llama/Llama-3.2-90B-Vision-Instruct').totalParams, 88593355323);
  assert.equal(m.modules.find((x) => x.name === 'model.language_model.layers.3.cross_attn.q_norm')?.type, 'RMSNorm');
  assert.deepEqual(lora(m, {}).codes, ['model/no-default-targets']);
  // q 8·(4096+4096), v 8·(4096+1024) in all 40 text layers (self and cross), plus 40 tower layers' q/v 8·(1280+1280)
  assert.equal(lora(m, { target_modules: ['q_proj', 'v_proj'] }).trainable, 40 * (65536 + 40960) + 40 * 2 * 20480);
  // axolotl's language-model regex: every text layer's q/k/v/o and MLP
  assert.equal(lora(m, { target_modules: TEXT_ONLY }).trainable, 40 * (2 * 65536 + 2 * 40960 + 3 * 8 * (4096 + 14336)));
});

test('Llama 4 Scout (108,641,793,536) and Maverick (401,583,781,376): PEFT default q_proj/v_proj reaches the vision encoder too', () => {
  const s = catalog('meta-llama/Llama-4-Scout-17B-16E-Instruct');
  assert.equal(s.totalParams, 108641793536);
  assert.equal(catalog('meta-llama/Llama-4-Maverick-17B-128E-Instruct').totalParams, 401583781376);
  assert.equal(s.outputEmbedding, 'language_model.lm_head');
  // text q 8·(5120+5120), v 8·(5120+1024) × 48; vision q/v 8·(1408+1408) × 34
  assert.equal(lora(s, {}).trainable, 48 * (81920 + 49152) + 34 * 2 * 22528);
  // the router is an nn.Linear, so all-linear adapts it; the experts are 3-D parameters and it does not
  const router = lora(s, { target_modules: ['router'] });
  assert.equal(router.trainable, 48 * 8 * (5120 + 16));
});

test('LLaVA 1.5 (7,063,427,072), Pixtral 12B (12,682,739,712), Mistral-Small-3.1 (24,011,361,280)', () => {
  const l = catalog('llava-hf/llava-1.5-7b-hf');
  assert.equal(l.totalParams, 7063427072);
  assert.equal(catalog('mistral-community/pixtral-12b').totalParams, 12682739712);
  const m = catalog('mistralai/Mistral-Small-3.1-24B-Instruct-2503');
  assert.equal(m.totalParams, 24011361280);
  assert.deepEqual(lora(l, {}).codes, ['model/no-default-targets']);
  // text per layer q/k/v/o 8·8192, gate/up/down 8·(4096+11008); CLIP per layer k/v/q/out 8·2048, fc1/fc2 8·5120; projector 8·5120 + 8·8192
  const text = 32 * (4 * 65536 + 3 * 120832);
  assert.equal(lora(l, { target_modules: 'all-linear' }).trainable, text + 24 * (4 * 16384 + 2 * 40960) + 40960 + 65536);
  // Ministral 3 names its text model `ministral3`: the shapes of a Mistral decoder (3,849,090,048 in all)
  const min3 = catalog('mistralai/Ministral-3-3B-Reasoning-2512');
  assert.deepEqual([min3.totalParams, min3.className, min3.tieWordEmbeddings], [3849090048, 'Mistral3ForConditionalGeneration', true]);
  // Mistral-Small-3.1 through axolotl's language-model regex
  assert.equal(lora(m, { target_modules: TEXT_ONLY }).trainable, 40 * (8 * (5120 + 4096) + 2 * 8 * (5120 + 1024) + 8 * (4096 + 5120) + 3 * 8 * (5120 + 32768)));
});

test('LLaMA-Factory on a composite model: its own names, outside the frozen vision tower and projector', () => {
  const q = catalog('Qwen/Qwen3-VL-4B-Instruct');
  const plan = (peft: Record<string, unknown>, extra: Record<string, boolean> = {}): TrainingPlan => ({
    format: 'llamafactory',
    method: { value: 'lora' },
    peft: { peft_type: 'LORA', r: 8, ...peft },
    training: {},
    extra: Object.fromEntries(Object.entries(extra).map(([k, value]) => [k, { value, key: k }])),
  });
  const text = 36 * (53248 + 2 * 28672 + 53248 + 3 * 98304);
  const all = countParams(plan({ target_modules: 'all-linear' }), q);
  assert.deepEqual([all.counts?.trainable, all.findings.map((f) => f.code)], [text, []]);
  // freeze_vision_tower: false brings the blocks and the deepstack mergers in (they are vision keys); the merger
  // stays out (projector frozen), and `patch_embed` is a LoRA conflict key, so the Conv3d that `proj` also names is skipped
  const open = countParams(plan({ target_modules: 'all-linear' }, { freeze_vision_tower: false }), q);
  assert.deepEqual([open.counts?.trainable, open.findings.map((f) => f.code)], [text + 24 * (32768 + 16384 + 2 * 40960) + 3 * (65536 + 53248), []]);
  // an explicit list is rewritten too: q_proj/v_proj on Llama 3.2 Vision reach the text layers only
  const m = countParams(plan({ target_modules: ['q_proj', 'v_proj'] }), catalog('meta-llama/Llama-3.2-11B-Vision-Instruct'));
  assert.equal(m.counts?.trainable, 40 * (65536 + 40960));
});

test('mT5 (mt5-base 582,401,280): T5 modules under MT5 class names, gated-gelu, untied lm_head; PEFT default q, v', () => {
  const m = catalog('google/mt5-base');
  assert.deepEqual([m.totalParams, m.className, m.tieWordEmbeddings], [582401280, 'MT5ForConditionalGeneration', false]);
  // q and v (768 → 768) in 12 encoder self-attention, 12 decoder self- and 12 cross-attention blocks
  assert.equal(lora(m, { task_type: 'SEQ_2_SEQ_LM' }).trainable, 36 * 2 * 8 * (768 + 768));
  // all-linear: q/k/v/o everywhere, wi_0/wi_1/wo in every block; the untied lm_head is the output layer and stays out
  const attn = 4 * 8 * 1536;
  const ff = 2 * 8 * (768 + 2048) + 8 * (2048 + 768);
  assert.equal(lora(m, { task_type: 'SEQ_2_SEQ_LM', target_modules: 'all-linear' }).trainable, 12 * (attn + ff) + 12 * (2 * attn + ff));
});

test('Whisper (tiny 37,760,640 … large-v3 1,543,490,560, turbo 808,878,080): encoder-decoder with a tied proj_out', () => {
  assert.equal(catalog('openai/whisper-large-v3').totalParams, 1543490560);
  assert.equal(catalog('openai/whisper-large-v3-turbo').totalParams, 808878080);
  const tiny = catalog('openai/whisper-tiny');
  assert.deepEqual([tiny.totalParams, tiny.className, tiny.outputEmbedding], [37760640, 'WhisperForConditionalGeneration', 'proj_out']);
  assert.deepEqual(lora(tiny, { task_type: 'SEQ_2_SEQ_LM' }).codes, ['model/no-default-targets']);
  // q/v in 12 encoder self-attention and 12 decoder self- and cross-attention blocks, 8·(768+768) each
  assert.equal(lora(catalog('openai/whisper-small'), { task_type: 'SEQ_2_SEQ_LM', target_modules: ['q_proj', 'v_proj'] }).trainable, 12 * 2 * 12288 + 12 * 4 * 12288);
  // all-linear on tiny: encoder layer 4 × 8·768 + fc1/fc2 2 × 8·(384+1536); decoder layer 8 × 8·768 + the same MLP; no proj_out
  assert.equal(lora(tiny, { task_type: 'SEQ_2_SEQ_LM', target_modules: 'all-linear' }).trainable, 4 * (4 * 6144 + 30720) + 4 * (8 * 6144 + 30720));
});

test('Voxtral Mini (4,676,271,104): Whisper-style audio tower, projector, language_model.model.* layout', () => {
  const v = catalog('mistralai/Voxtral-Mini-3B-2507');
  assert.deepEqual([v.totalParams, v.outputEmbedding], [4676271104, 'language_model.lm_head']);
  assert.equal(v.modules.find((m) => m.name === 'audio_tower.layers.0.self_attn.q_proj')?.layer, undefined);
  // axolotl's Voxtral example targets the language model's layers only
  const r = lora(v, { target_modules: 'language_model.model.layers.[\\d]+.(mlp|self_attn).(up|down|gate|q|k|v|o)_proj' });
  assert.equal(r.trainable, 30 * (57344 + 2 * 32768 + 57344 + 3 * 8 * (3072 + 8192)));
});

test('LoRA adapts the Conv3d patch embedding of the Qwen towers when a name reaches it, as PEFT 0.21 does (lora.Conv3d)', () => {
  const q = catalog('Qwen/Qwen3-VL-4B-Instruct');
  assert.equal(q.modules.find((m) => m.name === 'model.visual.patch_embed.proj')?.type, 'Conv3d');
  // lora_A: Conv3d(3 → 8) over the 2×16×16 kernel; lora_B: 1×1×1 from 8 back to 1024
  const r = lora(q, { target_modules: ['patch_embed.proj'] });
  assert.deepEqual([r.trainable, r.codes], [3 * 8 * 2 * 16 * 16 + 8 * 1024, []]);
  // OFT wraps Linear and Conv2d only
  assert.deepEqual(countParams(peftPlan({ peft_type: 'OFT', r: 8, target_modules: ['patch_embed.proj'] }), q).findings.map((f) => f.code), ['model/unsupported-layer']);
});

/** LoRA r=8 on one nn.Linear: lora_A 8·in plus lora_B 8·out. */
const l8 = (i: number, o: number) => 8 * (i + o);

test('all-linear, family by family: every nn.Linear of tower, projector and language model, the output head left out', () => {
  // Qwen2-VL-7B: the text layers as in Qwen2.5-VL; LayerNorm tower blocks with qkv, proj, fc1/fc2 (1280 ↔ 5120); merger
  const qwen2Text = 28 * (l8(3584, 3584) * 2 + l8(3584, 512) * 2 + 3 * l8(3584, 18944));
  const qwen2Vision = 32 * (l8(1280, 3840) + l8(1280, 1280) + 2 * l8(1280, 5120)) + l8(5120, 5120) + l8(5120, 3584);
  assert.equal(lora(catalog('Qwen/Qwen2-VL-7B-Instruct'), { target_modules: 'all-linear' }).trainable, qwen2Text + qwen2Vision);
  // Qwen3-VL-30B-A3B: attention only in the text model (experts and router are parameters), the 27-block tower, merger and 3 deepstack mergers
  const moe = catalog('Qwen/Qwen3-VL-30B-A3B-Instruct');
  assert.deepEqual(lora(moe, {}).codes, ['model/no-default-targets']);
  const moeText = 48 * (l8(2048, 4096) + 2 * l8(2048, 512) + l8(4096, 2048));
  const tower27 = (out: number) => 27 * (l8(1152, 3456) + l8(1152, 1152) + 2 * l8(1152, 4304)) + l8(4608, 4608) + l8(4608, out);
  assert.equal(lora(moe, { target_modules: 'all-linear' }).trainable, moeText + tower27(2048) + 3 * (l8(4608, 4608) + l8(4608, 2048)));
  // Qwen3.5-35B-A3B: 30 Gated DeltaNet layers, 10 gated-attention layers, the shared expert and its gate in all 40
  const q35 = catalog('Qwen/Qwen3.5-35B-A3B');
  const deltaNet = l8(2048, 8192) + l8(2048, 4096) + 2 * l8(2048, 32) + l8(4096, 2048);
  const gatedAttn = l8(2048, 8192) + 2 * l8(2048, 512) + l8(4096, 2048);
  const shared = 2 * l8(2048, 512) + l8(512, 2048) + l8(2048, 1);
  assert.equal(lora(q35, { target_modules: 'all-linear' }).trainable, 30 * deltaNet + 10 * gatedAttn + 40 * shared + tower27(2048));
  // Llama 3.2 11B Vision: 40 text layers (self and cross), 40 tower layers, the 7680 → 4096 projector
  const mllama = 40 * (2 * l8(4096, 4096) + 2 * l8(4096, 1024) + 3 * l8(4096, 14336)) + 40 * (4 * l8(1280, 1280) + 2 * l8(1280, 5120)) + l8(7680, 4096);
  assert.equal(lora(catalog('meta-llama/Llama-3.2-11B-Vision-Instruct'), { target_modules: 'all-linear' }).trainable, mllama);
  // Llama 4 Scout: attention, router and shared expert in 48 layers; the tower (unfold projection, 34 layers, adapter) and projector
  const scoutText = 48 * (2 * l8(5120, 5120) + 2 * l8(5120, 1024) + l8(5120, 16) + 3 * l8(5120, 8192));
  const scoutVision = l8(588, 1408) + 34 * (4 * l8(1408, 1408) + 2 * l8(1408, 5632)) + l8(5632, 4096) + l8(4096, 4096) + l8(4096, 5120);
  assert.equal(lora(catalog('meta-llama/Llama-4-Scout-17B-16E-Instruct'), { target_modules: 'all-linear' }).trainable, scoutText + scoutVision);
  // Mistral-Small-3.1: 40 text layers, 24 Pixtral layers (gated MLP), patch merger 4096 → 1024, projector 1024 → 5120 → 5120
  const m3 = catalog('mistralai/Mistral-Small-3.1-24B-Instruct-2503');
  assert.deepEqual(lora(m3, {}).codes, ['model/no-default-targets']);
  const m3Text = 40 * (l8(5120, 4096) + 2 * l8(5120, 1024) + l8(4096, 5120) + 3 * l8(5120, 32768));
  const pixtral = 24 * (4 * l8(1024, 1024) + 3 * l8(1024, 4096));
  assert.equal(lora(m3, { target_modules: 'all-linear' }).trainable, m3Text + pixtral + l8(4096, 1024) + l8(1024, 5120) + l8(5120, 5120));
  // Voxtral Mini: 32 audio layers (k/v/q/out 1280², fc1/fc2 1280 ↔ 5120), projector 5120 → 3072 → 3072, 30 text layers
  const vox = catalog('mistralai/Voxtral-Mini-3B-2507');
  assert.deepEqual(lora(vox, {}).codes, ['model/no-default-targets']);
  const voxText = 30 * (l8(3072, 4096) + 2 * l8(3072, 1024) + l8(4096, 3072) + 3 * l8(3072, 8192));
  assert.equal(lora(vox, { target_modules: 'all-linear' }).trainable, voxText + 32 * (4 * l8(1280, 1280) + 2 * l8(1280, 5120)) + l8(5120, 3072) + l8(3072, 3072));
});

test('prefix tuning on a vision-language model sizes its prompts from the text config, shrunk to the key/value width', () => {
  // Qwen2.5-VL-7B: 28 layers × 2 (key and value) × 20 virtual tokens × 4 KV heads × 128
  const r = countParams(peftPlan({ peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20, task_type: 'CAUSAL_LM' }), catalog('Qwen/Qwen2.5-VL-7B-Instruct'));
  assert.equal(r.counts?.trainable, 20 * 2 * 28 * 512);
});
