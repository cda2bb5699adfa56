/**
 * The text families added for real configs (GPT-NeoX, GPT-J, MPT, StarCoder2, StableLM, Cohere,
 * SmolLM3, OLMo, Apertus, gpt-oss, Falcon-H1, DeepSeek, GLM-4.5, Kimi-Linear): module names and types as
 * transformers 5.17 builds them, PEFT 0.21's default targets, and LoRA counts worked out by hand
 * (r = 8: a Linear in→out gains 8·(in + out); a 3-D expert parameter [E, a, b] gains 8·E·(a + b)).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import { buildArchitecture } from '../../../core/src/models/architecture';
import type { Architecture } from '../../../core/src/models/types';
import { catalog, peftPlan } from '../../helpers/models';

function lora(arch: Architecture, extra: Record<string, unknown> = {}) {
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 8, lora_alpha: 16, lora_dropout: 0, ...extra }), arch);
  return { trainable: r.counts?.trainable, targets: r.counts?.targets, codes: r.findings.map((f) => f.code), assumed: r.selection?.assumed ?? [] };
}

function moduleType(arch: Architecture, name: string): string | undefined {
  return arch.modules.find((m) => m.name === name)?.type;
}

test('GPT-NeoX (Pythia): fused query_key_value by default, embed_out left out of all-linear', () => {
  const pythia = catalog('EleutherAI/pythia-1.4b-deduped');
  assert.equal(pythia.className, 'GPTNeoXForCausalLM');
  assert.deepEqual([lora(pythia).trainable, lora(pythia).targets], [24 * 8 * (2048 + 6144), ['query_key_value']]);
  // query_key_value 2048→6144, dense 2048→2048, dense_h_to_4h 2048→8192, dense_4h_to_h 8192→2048
  assert.equal(lora(pythia, { target_modules: 'all-linear' }).trainable, 24 * 8 * (8192 + 4096 + 10240 + 10240));
});

test('GPT-J and MPT: PEFT defaults q_proj/v_proj and Wqkv; MPT ties lm_head to wte', () => {
  assert.equal(lora(catalog('EleutherAI/gpt-j-6b')).trainable, 28 * 2 * 8 * (4096 + 4096));
  const mpt = catalog('mosaicml/mpt-7b');
  assert.equal(mpt.modules.find((m) => m.name === 'lm_head')?.tiedTo, 'transformer.wte');
  assert.equal(moduleType(mpt, 'transformer.blocks.0.norm_1'), 'LayerNorm');
  assert.equal(lora(mpt).trainable, 32 * 8 * (4096 + 12288));
});

test('StarCoder2, Cohere 2, SmolLM3: no PEFT defaults; all-linear counted layer by layer', () => {
  const starcoder = catalog('bigcode/starcoder2-3b');
  assert.equal(lora(starcoder).codes[0], 'model/no-default-targets');
  // q 3072→3072, k/v 3072→256, o, c_fc 3072→12288, c_proj 12288→3072
  assert.equal(lora(starcoder, { target_modules: 'all-linear' }).trainable, 30 * 8 * (6144 + 3328 + 3328 + 6144 + 15360 + 15360));
  const r7b = catalog('CohereForAI/c4ai-command-r7b-12-2024');
  assert.equal(moduleType(r7b, 'model.layers.0.post_attention_layernorm'), undefined);
  assert.equal(lora(r7b, { target_modules: 'all-linear' }).trainable, 32 * 8 * (2 * 8192 + 2 * 5120 + 3 * 18432));
  assert.equal(lora(catalog('HuggingFaceTB/SmolLM3-3B'), { target_modules: 'all-linear' }).trainable, 36 * 8 * (2 * 4096 + 2 * 2560 + 3 * 13056));
});

test('StableLM 2 keeps PEFT default q_proj/v_proj; OLMo 2 norms span all heads; Apertus has no gate', () => {
  assert.equal(lora(catalog('stabilityai/stablelm-2-1_6b')).trainable, 24 * 2 * 8 * (2048 + 2048));
  const olmo = catalog('allenai/OLMo-2-1124-7B-Instruct');
  assert.equal(olmo.modules.find((m) => m.name === 'model.layers.0.self_attn.q_norm')?.outFeatures, 4096);
  assert.equal(moduleType(olmo, 'model.layers.0.input_layernorm'), undefined);
  const apertus = catalog('swiss-ai/Apertus-8B-Instruct-2509');
  assert.equal(moduleType(apertus, 'model.layers.0.mlp.gate_proj'), undefined);
  // q 4096→4096, k/v 4096→1024, o, up 4096→21504, down 21504→4096; the xIELU alphas are no target
  assert.equal(lora(apertus, { target_modules: 'all-linear' }).trainable, 32 * 8 * (8192 + 5120 + 5120 + 8192 + 25600 + 25600));
});

test('gpt-oss: router and experts are raw parameters; target_parameters reach the experts', () => {
  const oss = catalog('openai/gpt-oss-20b');
  assert.equal(moduleType(oss, 'model.layers.0.mlp.router'), 'Parameter');
  assert.deepEqual(oss.modules.find((m) => m.name === 'model.layers.0.self_attn')?.tensors, [{ name: 'sinks', shape: [64] }]);
  assert.equal(lora(oss).codes[0], 'model/no-default-targets');
  const attention = 8 * (2880 + 4096) + 2 * 8 * (2880 + 512) + 8 * (4096 + 2880);
  assert.deepEqual([lora(oss, { target_modules: 'all-linear' }).trainable, lora(oss, { target_modules: 'all-linear' }).targets], [24 * attention, ['k_proj', 'o_proj', 'q_proj', 'v_proj']]);
  // gate_up_proj [32, 2880, 5760] and down_proj [32, 2880, 2880]
  const experts = lora(oss, { target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'], target_parameters: ['mlp.experts.gate_up_proj', 'mlp.experts.down_proj'] });
  assert.equal(experts.trainable, 24 * (attention + 8 * 32 * (2880 + 5760) + 8 * 32 * (2880 + 2880)));
});

test('Falcon-H1: attention, Mamba projections and the feed-forward all-linear; the mixer notes what PEFT leaves out', () => {
  const h1 = catalog('tiiuae/Falcon-H1-1.5B-Base');
  assert.equal(moduleType(h1, 'model.layers.0.mamba.in_proj'), 'Linear');
  assert.equal(moduleType(h1, 'model.layers.0.mamba.conv1d'), 'Other');
  assert.deepEqual(h1.modules.find((m) => m.name === 'model.layers.0.mamba')?.tensors?.map((t) => t.name), ['dt_bias', 'A_log', 'D']);
  const r = lora(h1, { target_modules: 'all-linear' });
  // gate/up/down 2048↔4608; in_proj 2048→3072+3584+48; out_proj 3072→2048; q 2048→1024; k/v 2048→256; o 1024→2048
  assert.equal(r.trainable, 24 * 8 * (3 * 6656 + 8752 + 5120 + 3072 + 2304 + 2304 + 3072));
  assert.ok(!r.targets?.includes('conv1d'));
  assert.ok(r.assumed.some((a) => a.startsWith('Mamba mixers:')), r.assumed.join('; '));
});

test('DeepSeek V2-Lite: latent attention, and all-linear converted to expert parameters as transformers 5 stores them', () => {
  const lite = catalog('deepseek-ai/DeepSeek-V2-Lite-Chat');
  assert.equal(moduleType(lite, 'model.layers.0.mlp.gate_proj'), 'Linear');
  assert.equal(moduleType(lite, 'model.layers.1.mlp.gate'), 'Linear');
  assert.equal(moduleType(lite, 'model.layers.1.mlp.experts'), 'Parameter');
  // q_proj 2048→3072, kv_a_proj_with_mqa 2048→576, kv_b_proj 512→4096, o_proj 2048→2048
  const attention = 8 * (5120 + 2624 + 4608 + 4096);
  assert.equal(lora(lite, { target_modules: ['q_proj', 'kv_a_proj_with_mqa', 'kv_b_proj', 'o_proj'] }).trainable, 27 * attention);
  // all-linear: the router (gate [64, 2048]), gate/up (fused [64, 2816, 2048] at rank 16) and down ([64, 2048, 1408])
  // become target_parameters in the 26 MoE layers; the dense and shared MLPs' names go with them
  const all = lora(lite, { target_modules: 'all-linear' });
  assert.equal(all.trainable, 27 * attention + 26 * (8 * (64 + 2048) + 16 * 64 * (2816 + 2048) + 8 * 64 * (2048 + 1408)));
});

test('GLM-4.5-Air: the router is a raw weight; PEFT converts gate/up/down targets to the fused experts', () => {
  const air = catalog('zai-org/GLM-4.5-Air');
  assert.equal(moduleType(air, 'model.layers.1.mlp.gate'), 'Parameter');
  const attention = 8 * (4096 + 12288) + 2 * 8 * (4096 + 1024) + 8 * (12288 + 4096);
  assert.equal(lora(air, { target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'] }).trainable, 46 * attention);
  // transformers 5 lists glm4_moe under the qwen2_moe conversion: all-linear's gate, gate_proj/up_proj and down_proj
  // become target_parameters (router [128, 4096], gate_up_proj [128, 2816, 4096] at rank 16, down_proj [128, 4096, 1408])
  // in the 45 MoE layers, and the dense and shared MLPs lose those names
  assert.equal(lora(air, { target_modules: 'all-linear' }).trainable, 46 * attention + 45 * (8 * (128 + 4096) + 16 * 128 * (2816 + 4096) + 8 * 128 * (4096 + 1408)));
  const v3 = catalog('deepseek-ai/DeepSeek-R1');
  assert.equal(v3.modules.find((m) => m.name === 'model.layers.3.mlp.gate')?.tensors?.length, 1);
});

test('Nemotron-H: one mixer per block as the pattern lays out; experts are non-gated fused parameters', () => {
  const nano = catalog('nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16');
  assert.equal(moduleType(nano, 'model.layers.0.mixer.in_proj'), 'Linear');
  assert.equal(moduleType(nano, 'model.layers.1.mixer.experts'), 'Parameter');
  assert.equal(moduleType(nano, 'model.layers.5.mixer.q_proj'), 'Linear');
  // PEFT 0.21's default for nemotron_h: q/k/v/o in the 6 attention blocks (q 2688→4096, k/v 2688→256, o 4096→2688)
  const r = lora(nano);
  assert.deepEqual([r.trainable, r.targets], [6 * 8 * (6784 + 2944 + 2944 + 6784), ['k_proj', 'o_proj', 'q_proj', 'v_proj']]);
  // all-linear: those, the 23 Mamba in/out projections (2688→4096+6144+64, 4096→2688) and the 23 shared experts (2688↔3712)
  assert.equal(lora(nano, { target_modules: 'all-linear' }).trainable, r.trainable! + 23 * 8 * (2688 + 10304 + 4096 + 2688) + 23 * 2 * 8 * (2688 + 3712));
});

test('Qwen3-Next: linear-attention and gated full-attention layers; the note says what PEFT cannot adapt', () => {
  const next = catalog('Qwen/Qwen3-Next-80B-A3B-Instruct');
  assert.equal(moduleType(next, 'model.layers.0.linear_attn.in_proj_qkvz'), 'Linear');
  assert.equal(moduleType(next, 'model.layers.3.self_attn.q_proj'), 'Linear');
  assert.equal(next.modules.find((m) => m.name === 'model.layers.3.self_attn.q_proj')?.outFeatures, 2 * 16 * 256);
  // per linear layer: in_proj_qkvz 2048→12288, in_proj_ba 2048→64, out_proj 4096→2048; per full layer: q 2048→8192,
  // k/v 2048→512, o 4096→2048; every layer: shared expert 2048↔512 (three) and its gate 2048→1
  const linear = 8 * (2048 + 12288) + 8 * (2048 + 64) + 8 * (4096 + 2048);
  const full = 8 * (2048 + 8192) + 2 * 8 * (2048 + 512) + 8 * (4096 + 2048);
  // all-linear under the qwen2_moe conversion: the router [512, 2048] and experts (gate_up_proj [512, 1024, 2048] at rank
  // 16, down_proj [512, 2048, 512]) become target_parameters; the shared expert's gate/up/down names go with them, its
  // sigmoid gate 2048→1 stays a module target
  const r = lora(next, { target_modules: 'all-linear' });
  assert.equal(r.trainable, 36 * linear + 12 * full + 48 * (8 * (2048 + 1) + 8 * (512 + 2048) + 16 * 512 * (1024 + 2048) + 8 * 512 * (2048 + 512)));
  assert.ok(r.assumed.some((a) => a.startsWith('Linear-attention layers:')));
});

test('Jamba: attention every 8th layer, experts every 2nd; the router is an nn.Linear all-linear reaches', () => {
  const jamba = catalog('ai21labs/Jamba-v0.1');
  assert.equal(moduleType(jamba, 'model.layers.4.self_attn.q_proj'), 'Linear');
  assert.equal(moduleType(jamba, 'model.layers.0.mamba.x_proj'), 'Linear');
  assert.equal(moduleType(jamba, 'model.layers.1.feed_forward.router'), 'Linear');
  assert.equal(moduleType(jamba, 'model.layers.1.feed_forward.experts'), 'Parameter');
  // 4 attention layers (q/o 4096↔4096, k/v 4096→1024); 28 Mamba layers (in_proj 4096→16384, x_proj 8192→288,
  // dt_proj 256→8192, out_proj 8192→4096); 16 dense MLPs (4096↔14336, three) and 16 routers 4096→16
  const attention = 2 * 8 * (4096 + 4096) + 2 * 8 * (4096 + 1024);
  const mamba = 8 * (4096 + 16384) + 8 * (8192 + 288) + 8 * (256 + 8192) + 8 * (8192 + 4096);
  assert.equal(lora(jamba, { target_modules: 'all-linear' }).trainable, 4 * attention + 28 * mamba + 16 * 3 * 8 * (4096 + 14336) + 16 * 8 * (4096 + 16));
});

test('LFM2: short-convolution and attention layers, SwiGLU width adjusted from block_ff_dim', () => {
  const lfm = catalog('LiquidAI/LFM2-350M');
  assert.equal(lfm.modules.find((m) => m.name === 'model.layers.0.feed_forward.w1')?.outFeatures, 4608);
  assert.equal(moduleType(lfm, 'model.layers.0.conv.conv'), 'Other');
  assert.equal(moduleType(lfm, 'model.layers.2.self_attn.out_proj'), 'Linear');
  // 10 conv layers (in_proj 1024→3072, out_proj 1024→1024), 6 attention layers (q/out 1024↔1024, k/v 1024→512),
  // 16 feed-forwards (w1/w3 1024→4608, w2 4608→1024); lm_head is tied and left out
  const r = lora(lfm, { target_modules: 'all-linear' });
  assert.equal(r.trainable, 10 * 8 * (4096 + 2048) + 6 * 8 * (2 * 2048 + 2 * 1536) + 16 * 3 * 8 * (1024 + 4608));
  assert.ok(r.assumed.some((a) => a.startsWith('Short-convolution layers:')));
});

test('MiniMax-M2: Mixtral-style experts under the mixtral conversion; q/k norms over all heads', () => {
  const m2 = catalog('MiniMaxAI/MiniMax-M2');
  assert.equal(m2.modules.find((m) => m.name === 'model.layers.0.self_attn.q_norm')?.outFeatures, 6144);
  // all-linear: q/o 3072↔6144, k/v 3072→1024 as modules; the router [256, 3072] and, from w1/w3/w2, the fused
  // gate_up_proj [256, 3072, 3072] at rank 16 and down_proj [256, 3072, 1536] as target_parameters
  const attention = 2 * 8 * (3072 + 6144) + 2 * 8 * (3072 + 1024);
  assert.equal(lora(m2, { target_modules: 'all-linear' }).trainable, 62 * (attention + 8 * (256 + 3072) + 16 * 256 * (3072 + 3072) + 8 * 256 * (3072 + 1536)));
});

test('dense specs without a catalog entry: names and biases as their transformers classes build them', () => {
  const tiny = { hidden_size: 64, intermediate_size: 128, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100 };
  const build = (model_type: string, extra: Record<string, unknown> = {}) => buildArchitecture({ model_type, ...tiny, ...extra }, { id: model_type, source: 'local' });
  const has = (a: Architecture, name: string) => a.modules.find((m) => m.name === `model.layers.0.${name}`);
  // Hunyuan dense: per-head query_layernorm/key_layernorm (width head_dim 16)
  assert.equal(has(build('hunyuan_v1_dense'), 'self_attn.query_layernorm')?.outFeatures, 16);
  // GLM-4: fused gate_up_proj, biased q/k/v but not o, four norms
  const glm4 = build('glm4', { head_dim: 16 });
  assert.deepEqual([has(glm4, 'mlp.gate_up_proj')?.outFeatures, has(glm4, 'self_attn.k_proj')?.bias, has(glm4, 'self_attn.o_proj')?.bias], [256, true, false]);
  assert.equal(has(glm4, 'post_mlp_layernorm')?.type, 'RMSNorm');
  // AFM (arcee) and Nemotron: up/down only; Nemotron's LayerNorm1P has a bias
  assert.equal(has(build('arcee'), 'mlp.gate_proj'), undefined);
  assert.deepEqual([has(build('nemotron'), 'mlp.up_proj')?.type, has(build('nemotron'), 'input_layernorm')?.bias], ['Linear', true]);
  // Seed-OSS: q/k/v biased by attention_bias, o_proj by attention_out_bias
  const seed = build('seed_oss', { head_dim: 16 });
  assert.deepEqual([has(seed, 'self_attn.q_proj')?.bias, has(seed, 'self_attn.o_proj')?.bias], [true, false]);
  // StableLM with a parallel residual has one norm; Cohere's q/k norms span all heads
  assert.equal(has(build('stablelm', { use_parallel_residual: true }), 'post_attention_layernorm'), undefined);
  assert.equal(has(build('cohere', { use_qk_norm: true }), 'self_attn.k_norm')?.params, 2 * 16);
});

test('Granite 4.0: dense all-attention models and the hybrid with Mamba-2 layers and ParallelExperts', () => {
  const micro = catalog('ibm-granite/granite-4.0-micro');
  assert.equal(moduleType(micro, 'model.layers.0.block_sparse_moe'), undefined);
  // PEFT 0.21 has no default targets for granitemoehybrid; all-linear on Micro: q/o 2560↔2560, k/v 2560→512 (8 of 64),
  // shared_mlp input_linear 2560→16384, output_linear 8192→2560
  assert.equal(lora(micro).codes[0], 'model/no-default-targets');
  assert.equal(lora(micro, { target_modules: 'all-linear' }).trainable, 40 * 8 * (2 * 5120 + 2 * 3072 + 18944 + 10752));
  const tiny = catalog('ibm-granite/granite-4.0-h-tiny');
  assert.equal(moduleType(tiny, 'model.layers.0.mamba.in_proj'), 'Linear');
  assert.equal(moduleType(tiny, 'model.layers.5.self_attn.q_proj'), 'Linear');
  assert.equal(moduleType(tiny, 'model.layers.0.block_sparse_moe.router.layer'), 'Linear');
  assert.equal(moduleType(tiny, 'model.layers.0.block_sparse_moe.input_linear'), 'Parameter');
});

test('Nemotron-Mini-4B: no PEFT default; all-linear is q/k/v/o and the up/down squared-ReLU MLP', () => {
  const mini = catalog('nvidia/Nemotron-Mini-4B-Instruct');
  assert.equal(mini.className, 'NemotronForCausalLM');
  assert.equal(lora(mini).codes[0], 'model/no-default-targets');
  // q/o 3072↔3072, k/v 3072→1024 (8 heads × 128), up 3072→9216, down 9216→3072
  assert.equal(lora(mini, { target_modules: 'all-linear' }).trainable, 32 * 8 * (2 * 6144 + 2 * 4096 + 2 * 12288));
});

test('Qwen-7B (remote code, model_type qwen): fused biased c_attn, w1/w2/c_proj at half intermediate_size', () => {
  const q = catalog('Qwen/Qwen-7B');
  assert.deepEqual([q.totalParams, q.className], [7721324544, 'QWenLMHeadModel']);
  assert.equal(q.modules.find((m) => m.name === 'transformer.h.0.attn.c_attn')?.bias, true);
  // PEFT 0.21 maps no default for `qwen`; the configs that train it name c_attn (4096→12288) themselves
  assert.equal(lora(q).codes[0], 'model/no-default-targets');
  assert.equal(lora(q, { target_modules: ['c_attn'] }).trainable, 32 * 8 * (4096 + 12288));
  // all-linear: c_attn, c_proj 4096→4096, w1/w2 4096→11008, mlp.c_proj 11008→4096
  assert.equal(lora(q, { target_modules: 'all-linear' }).trainable, 32 * 8 * (16384 + 8192 + 3 * 15104));
});

test('DBRX converted (dbrx_converted): split q/k/v, router `layer`, 16 experts as nn.Linear each', () => {
  const d = catalog('LnL-AI/dbrx-base-converted-v2');
  assert.deepEqual([d.totalParams, d.experts?.count], [131596523520, 16]);
  assert.equal(moduleType(d, 'transformer.blocks.0.ffn.experts.mlp.15.w2'), 'Linear');
  // axolotl's example targets: q 6144→6144, k/v 6144→1024, out_proj, router 6144→16
  const axolotl = ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'layer'];
  assert.equal(lora(d, { target_modules: axolotl }).trainable, 40 * 8 * (2 * 12288 + 2 * 7168 + 6160));
  // all-linear adds w1/v1 6144→10752 and w2 10752→6144 for each of the 16 experts
  assert.equal(lora(d, { target_modules: 'all-linear' }).trainable, 40 * 8 * (2 * 12288 + 2 * 7168 + 6160 + 16 * 3 * 16896));
});

test('LFM2-8B-A1B (lfm2_moe): two dense feed-forwards, then a router and fused experts in every layer', () => {
  const moe = catalog('LiquidAI/LFM2-8B-A1B');
  assert.deepEqual([moe.totalParams, moe.className, moe.experts?.count], [8339929856, 'Lfm2MoeForCausalLM', 32]);
  assert.equal(moduleType(moe, 'model.layers.1.feed_forward.w1'), 'Linear');
  assert.equal(moduleType(moe, 'model.layers.2.feed_forward.experts'), 'Parameter');
  // axolotl's example regex reaches the q/k/v of the 6 attention layers only (LFM2 names its output out_proj): q 2048→2048, k/v 2048→512
  const regex = 'model.layers.[\\d]+.(mlp|cross_attn|self_attn).(up|down|gate|q|k|v|o)_proj';
  assert.equal(lora(moe, { target_modules: regex }).trainable, 6 * 8 * (4096 + 2 * 2560));
  // all-linear: 18 conv layers (in_proj 2048→6144, out_proj), 6 attention layers, 2 dense MLPs (2048↔7168), 22 routers 2048→32
  const all = 18 * 8 * (8192 + 4096) + 6 * 8 * (2 * 4096 + 2 * 2560) + 2 * 3 * 8 * (2048 + 7168) + 22 * 8 * (2048 + 32);
  assert.equal(lora(moe, { target_modules: 'all-linear' }).trainable, all);
});

test('Trinity-Nano (afmoe): gated attention output, two dense MLPs, then router, shared expert and fused experts', () => {
  const t = catalog('arcee-ai/Trinity-Nano-Preview');
  assert.deepEqual([t.totalParams, t.className, t.experts?.count], [6120003328, 'AfmoeForCausalLM', 128]);
  assert.equal(moduleType(t, 'model.layers.1.mlp.gate_proj'), 'Linear');
  assert.equal(moduleType(t, 'model.layers.2.mlp.experts'), 'Parameter');
  // axolotl's example list: q/o and the attention gate 1024→1024, k/v 1024→256; dense MLPs 1024↔3072 (2 layers),
  // the shared expert 1024↔256 (54 layers); the router's `gate` is not `gate_proj`, the fused experts are parameters
  const targets = ['gate_proj', 'down_proj', 'up_proj', 'q_proj', 'v_proj', 'k_proj', 'o_proj'];
  const named = 56 * 8 * (3 * 2048 + 2 * 1280) + 2 * 3 * 8 * 4096 + 54 * 3 * 8 * 1280;
  assert.equal(lora(t, { target_modules: targets }).trainable, named);
  // all-linear adds the 54 routers 1024→128
  assert.equal(lora(t, { target_modules: 'all-linear' }).trainable, named + 54 * 8 * (1024 + 128));
});

test('Kimi-Linear: KDA layers beside MLA layers, per-expert nn.Linear experts; the example targets reach attention, the dense MLP and the shared experts', () => {
  const kimi = catalog('moonshotai/Kimi-Linear-48B-A3B-Instruct');
  assert.equal(kimi.className, 'KimiLinearForCausalLM');
  // kda_layers are 1-based: layer index 3 (the 4th) is MLA, index 0 is KDA with its low-rank decay and gate.
  assert.equal(moduleType(kimi, 'model.layers.3.self_attn.kv_b_proj'), 'Linear');
  assert.equal(moduleType(kimi, 'model.layers.0.self_attn.f_b_proj'), 'Linear');
  assert.equal(moduleType(kimi, 'model.layers.0.self_attn.q_conv1d'), 'Other');
  assert.equal(moduleType(kimi, 'model.layers.1.block_sparse_moe.experts.255.w2'), 'Linear');
  assert.equal(kimi.modules.find((m) => m.name === 'model.layers.0.mlp.down_proj')?.inFeatures, 9216);
  // r 16 on q/k/v/o_proj and gate/up/down_proj: 20 KDA layers (q/k/v 2304→4096, o 4096→2304), 7 MLA layers
  // (q 2304→6144, o 4096→2304), the dense layer-0 MLP (2304↔9216) and 26 shared experts (2304↔1024); w1/w2/w3 are not named
  const kda = 3 * 16 * (2304 + 4096) + 16 * (4096 + 2304);
  const mla = 16 * (2304 + 6144) + 16 * (4096 + 2304);
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: ['gate_proj', 'down_proj', 'up_proj', 'q_proj', 'v_proj', 'k_proj', 'o_proj'] }), kimi);
  assert.equal(r.counts?.trainable, 20 * kda + 7 * mla + 3 * 16 * (2304 + 9216) + 26 * 3 * 16 * (2304 + 1024));
  assert.ok(r.selection?.assumed.some((a) => a.startsWith('Linear-attention layers:')));
});
