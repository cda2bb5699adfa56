/**
 * One table per tuner on a two-layer Llama small enough to count by hand (numbers in comments):
 * q_proj 64→64, k_proj/v_proj 64→32, o_proj 64→64, gate/up 64→128, down 128→64, per layer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import { peftPlan, tiny, TINY_TOTAL } from '../../helpers/models';

const QV = { target_modules: ['q_proj', 'v_proj'] };

function added(peft: Record<string, unknown>, arch = tiny()) {
  const r = countParams(peftPlan(peft), arch);
  assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0, JSON.stringify(r.findings));
  return { trainable: r.counts!.trainable, added: r.counts!.total - arch.totalParams, counts: r.counts! };
}

function errorCode(peft: Record<string, unknown>, arch = tiny()): string | undefined {
  return countParams(peftPlan(peft), arch).findings.find((f) => f.severity === 'error')?.code;
}

const TABLE: [string, Record<string, unknown>, number][] = [
  // LoRA: r·(in+out); q 4·128=512, v 4·96=384, two layers
  ['LoRA r=4', { peft_type: 'LORA', r: 4, ...QV }, 2 * (512 + 384)],
  ['LoRA rsLoRA (no change)', { peft_type: 'LORA', r: 4, use_rslora: true, ...QV }, 1792],
  ['DoRA adds a magnitude per output', { peft_type: 'LORA', r: 4, use_dora: true, ...QV }, 1792 + 2 * (64 + 32)],
  ['lora_bias adds lora_B.bias', { peft_type: 'LORA', r: 4, lora_bias: true, ...QV }, 1792 + 2 * (64 + 32)],
  ['rank_pattern', { peft_type: 'LORA', r: 4, rank_pattern: { v_proj: 8 }, ...QV }, 2 * (512 + 8 * 96)],
  ['rank_pattern regex on one layer', { peft_type: 'LORA', r: 4, rank_pattern: { 'layers\\.1\\.self_attn\\.q_proj': 8 }, ...QV }, 1792 + 512],
  ['LoRA all-linear (lm_head left out)', { peft_type: 'LORA', r: 4, target_modules: 'all-linear' }, 2 * (512 + 384 + 384 + 512 + 3 * 768)],
  ['LoRA on the embedding', { peft_type: 'LORA', r: 4, target_modules: ['embed_tokens'] }, 4 * (100 + 64)],
  ['LoRA regex', { peft_type: 'LORA', r: 4, target_modules: '.*\\.1\\.self_attn\\.(q|v)_proj' }, 896],
  ['layers_to_transform', { peft_type: 'LORA', r: 4, layers_to_transform: [1], ...QV }, 896],
  ['layers_to_transform int + layers_pattern', { peft_type: 'LORA', r: 4, layers_to_transform: 0, layers_pattern: 'layers', ...QV }, 896],
  ['exclude_modules', { peft_type: 'LORA', r: 4, exclude_modules: ['model.layers.0.self_attn.q_proj'], ...QV }, 1792 - 512],
  ['modules_to_save copies lm_head', { peft_type: 'LORA', r: 4, modules_to_save: ['lm_head'], ...QV }, 1792 + 6400],
  ['trainable_token_indices', { peft_type: 'LORA', r: 4, trainable_token_indices: [1, 2, 3], ...QV }, 1792 + 3 * 64],
  // AdaLoRA: init_r·(in+out) + lora_E (init_r) + ranknum (1)
  ['AdaLoRA', { peft_type: 'ADALORA', init_r: 4, total_step: 10, ...QV }, 2 * (4 * 128 + 5 + 4 * 96 + 5)],
  // IA3: a vector of out_features, or in_features for feed-forward modules
  ['IA3', { peft_type: 'IA3', target_modules: ['q_proj', 'down_proj'], feedforward_modules: ['down_proj'] }, 2 * (64 + 128)],
  ['IA3 defaults (k, v, down; down feed-forward)', { peft_type: 'IA3' }, 2 * (32 + 32 + 128)],
  // LoHa: two Hadamard factors, 2·r·(in+out)
  ['LoHa', { peft_type: 'LOHA', r: 4, ...QV }, 2 * (2 * 4 * 128 + 2 * 4 * 96)],
  // LoKr: 64 = 8·8 and 32 = 4·8; w2 kept whole when r ≥ max/2
  ['LoKr r=4', { peft_type: 'LOKR', r: 4, ...QV }, 2 * (64 + 64 + (32 + 64))],
  ['LoKr r=2 (w2 decomposed)', { peft_type: 'LOKR', r: 2, ...QV }, 2 * (64 + 32 + (32 + 32))],
  ['LoKr decompose_both', { peft_type: 'LOKR', r: 2, decompose_both: true, ...QV }, 2 * (32 + 32 + (24 + 32))],
  // VeRA: lambda_d (r) + lambda_b (out); the shared projections are buffers
  ['VeRA', { peft_type: 'VERA', r: 16, ...QV }, 2 * (16 + 64 + 16 + 32)],
  ['FourierFT', { peft_type: 'FOURIERFT', n_frequency: 100, ...QV }, 400],
  ['FourierFT n_frequency_pattern', { peft_type: 'FOURIERFT', n_frequency: 100, n_frequency_pattern: { v_proj: 10 }, ...QV }, 220],
  // OFT: r blocks of bs·(bs-1)/2 skew-symmetric entries; 64 = 4 blocks of 16
  ['OFT', { peft_type: 'OFT', r: 0, oft_block_size: 16, ...QV }, 4 * 4 * 120],
  ['OFT block_share', { peft_type: 'OFT', r: 0, oft_block_size: 16, block_share: true, ...QV }, 4 * 120],
  ['OFT block size adjusted to a divisor', { peft_type: 'OFT', r: 0, oft_block_size: 24, ...QV }, 4 * 4 * 120],
  // BOFT: factors·blocks·size² + boft_s (out)
  ['BOFT', { peft_type: 'BOFT', boft_block_size: 4, ...QV }, 2 * (16 * 16 + 64 + 16 * 16 + 32)],
  ['BOFT two butterfly factors', { peft_type: 'BOFT', boft_block_size: 4, boft_n_butterfly_factor: 2, ...QV }, 2 * (2 * 256 + 64 + 2 * 256 + 32)],
  ['HRA', { peft_type: 'HRA', r: 8, ...QV }, 4 * 64 * 8],
  ['MiSS', { peft_type: 'MISS', r: 16, ...QV }, 2 * (16 * 64 + 16 * 32)],
  ['MiSS bat', { peft_type: 'MISS', r: 16, init_weights: 'bat', ...QV }, 2 * (16 * 64 + 16 * 32)],
  ['MiSS mini', { peft_type: 'MISS', r: 16, init_weights: 'mini', mini_r: 4, ...QV }, 4 * 64],
  // VB-LoRA: logits r·(in/len)·n + (out/len)·r·n per module, plus one shared bank n·len
  ['VB-LoRA', { peft_type: 'VBLORA', r: 4, vector_length: 16, num_vectors: 32, ...QV }, 2 * (1024 + 768) + 32 * 16],
  ['C3A', { peft_type: 'C3A', block_size: 16, ...QV }, 2 * (256 + 128)],
  ['LN tuning defaults (two norms per layer + final norm)', { peft_type: 'LN_TUNING' }, 5 * 64],
  ['prompt tuning', { peft_type: 'PROMPT_TUNING', num_virtual_tokens: 10 }, 640],
  // prefix tuning under GQA: token_dim 64/4 heads·2 kv heads = 32, two layers, keys and values
  ['prefix tuning', { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 10 }, 10 * 2 * 2 * 32],
  ['prefix tuning with projection', { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 10, prefix_projection: true, encoder_hidden_size: 16 }, 320 + (32 * 16 + 16) + (16 * 128 + 128)],
  ['P-tuning MLP', { peft_type: 'P_TUNING', num_virtual_tokens: 10, encoder_hidden_size: 16 }, 640 + (64 * 16 + 16) + (16 * 16 + 16) + (16 * 64 + 64)],
  ['P-tuning LSTM', { peft_type: 'P_TUNING', num_virtual_tokens: 10, encoder_hidden_size: 8, encoder_reparameterization_type: 'LSTM', encoder_num_layers: 1 }, 640 + 2 * (4 * 8 * 72 + 64) + (16 * 16 + 16) + (16 * 64 + 64)],
  ['multitask prompt tuning', { peft_type: 'MULTITASK_PROMPT_TUNING', num_virtual_tokens: 10, num_tasks: 3, num_ranks: 2 }, 640 + 3 * 10 * 2 + 3 * 2 * 64],
  ['adaption prompt', { peft_type: 'ADAPTION_PROMPT', adapter_len: 5, adapter_layers: 1 }, 5 * 64 + 1],
  ['trainable tokens', { peft_type: 'TRAINABLE_TOKENS', token_indices: [1, 2, 3] }, 192],
];

for (const [name, peft, expected] of TABLE) {
  test(`${name}: ${expected} added`, () => {
    const r = added(peft);
    assert.equal(r.added, expected);
    assert.equal(r.trainable, expected);
  });
}

test('bias: all trains every bias, lora_only those of adapted layers; totals unchanged', () => {
  const arch = tiny({ attention_bias: true });
  const base = added({ peft_type: 'LORA', r: 4, ...QV }, arch);
  assert.equal(added({ peft_type: 'LORA', r: 4, bias: 'all', ...QV }, arch).trainable, base.trainable + 2 * (64 + 32 + 32 + 64));
  const only = added({ peft_type: 'LORA', r: 4, bias: 'lora_only', ...QV }, arch);
  assert.equal(only.trainable, base.trainable + 2 * (64 + 32));
  assert.equal(only.added, base.added);
});

test('MiCA keeps lora_B frozen: counted in all, not trainable', () => {
  const r = added({ peft_type: 'LORA', r: 4, init_lora_weights: 'mica', ...QV });
  assert.equal(r.added, 1792);
  assert.equal(r.trainable, 4 * 64 * 4);
});

test('full fine-tuning and LLaMA-Factory freeze tuning', () => {
  const full = countParams({ format: 'axolotl', method: { value: 'full' }, training: {} }, tiny());
  assert.deepEqual([full.counts?.trainable, full.counts?.total], [TINY_TOTAL, TINY_TOTAL]);
  const layer = 36992; // one decoder layer: attention 12288, MLP 24576, norms 128
  const freeze = (extra: Record<string, unknown>) =>
    countParams({ format: 'llamafactory', method: { value: 'freeze' }, extra: Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { value: v }])), training: {} }, tiny()).counts?.trainable;
  assert.equal(freeze({}), 2 * layer);
  assert.equal(freeze({ freeze_trainable_layers: 1 }), layer);
  assert.equal(freeze({ freeze_trainable_layers: -1, freeze_trainable_modules: 'mlp' }), 24576);
  assert.equal(freeze({ freeze_trainable_layers: 1, freeze_trainable_modules: 'mlp,self_attn', freeze_extra_modules: 'embed_tokens' }), 24576 + 12288 + 6400);
  assert.equal(freeze({ freeze_trainable_layers: 1, use_llama_pro: true }), layer);
  const bad = countParams({ format: 'llamafactory', method: { value: 'freeze' }, extra: { freeze_trainable_modules: { value: 'attention' } }, training: {} }, tiny());
  assert.equal(bad.findings[0].code, 'model/freeze-module-not-found');
});

test('breakdown and provenance say what a count came from', () => {
  const { counts } = added({ peft_type: 'LORA', r: 4, modules_to_save: ['lm_head'], ...QV });
  assert.deepEqual(counts.breakdown, [
    { term: 'adapter', trainable: 1792, added: 1792 },
    { term: 'modules_to_save copies', trainable: 6400, added: 6400 },
  ]);
  assert.deepEqual(counts.targets, ['q_proj', 'v_proj']);
  assert.equal(counts.adapterModules, 4);
  assert.ok(counts.computedFrom!.includes('r=4'));
  assert.ok(counts.computedFrom!.includes('config.json hidden_size'));
  const defaults = added({ peft_type: 'LORA' }).counts;
  assert.ok(defaults.computedFrom!.includes('r=8 (default)'));
  assert.ok(defaults.computedFrom!.includes('target_modules: PEFT default for llama (q_proj, v_proj)'));
});

test('where PEFT refuses, the error and no counts', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ peft_type: 'LORA', target_modules: ['query'] }, 'model/target-not-found'],
    [{ peft_type: 'LORA', target_modules: ['q_proj'], layers_to_transform: [7] }, 'model/target-not-found'],
    [{ peft_type: 'LORA', target_modules: ['q_proj'], exclude_modules: '.*' }, 'model/all-excluded'],
    [{ peft_type: 'LORA', target_modules: ['q_proj'], exclude_modules: '.*q_proj' }, 'model/no-targets-matched'],
    [{ peft_type: 'LORA', target_modules: ['lm_head'], modules_to_save: ['lm_head'] }, 'model/no-targets-matched'],
    [{ peft_type: 'LORA', target_modules: [] }, 'model/no-targets'],
    [{ peft_type: 'LORA', target_modules: ['mlp'] }, 'model/unsupported-layer'],
    [{ peft_type: 'LORA', target_modules: ['input_layernorm'] }, 'model/unsupported-layer'],
    [{ peft_type: 'LOHA', target_modules: ['embed_tokens'] }, 'model/unsupported-layer'],
    [{ peft_type: 'LORA', target_modules: ['q_proj'], rank_pattern: { q_proj: 0 } }, 'model/invalid-rank'],
    [{ peft_type: 'FOURIERFT', n_frequency: 3000, ...QV }, 'model/incompatible-layer'],
    [{ peft_type: 'C3A', block_size: 48, ...QV }, 'model/incompatible-layer'],
    [{ peft_type: 'VBLORA', vector_length: 48, ...QV }, 'model/incompatible-layer'],
    [{ peft_type: 'BOFT', boft_block_size: 4, boft_n_butterfly_factor: 6, ...QV }, 'model/incompatible-layer'],
    [{ peft_type: 'MISS', r: 24, init_weights: 'bat', ...QV }, 'model/incompatible-layer'],
    [{ peft_type: 'LORA', target_modules: '(q_proj', r: 4 }, 'model/invalid-pattern'],
    [{ peft_type: 'LORA', bias: 'some', ...QV }, 'model/invalid-bias'],
    [{ peft_type: 'LORA', trainable_token_indices: { wte: [1] }, ...QV }, 'model/token-target-not-found'],
    [{ peft_type: 'LORA', trainable_token_indices: [1], modules_to_save: ['embed_tokens'], ...QV }, 'model/token-target-conflict'],
    [{ peft_type: 'ADAPTION_PROMPT', adapter_len: 4, adapter_layers: 3 }, 'model/layers-out-of-range'],
    [{ peft_type: 'PROMPT_TUNING' }, 'model/invalid-prompt-config'],
  ];
  for (const [peft, code] of cases) {
    assert.equal(errorCode(peft), code, JSON.stringify(peft));
    assert.equal(countParams(peftPlan(peft), tiny()).counts, undefined);
  }
});

test('options the count does not follow are said to be approximate', () => {
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 4, layer_replication: [[0, 2], [0, 2]], ...QV }), tiny());
  assert.equal(r.findings[0].code, 'estimate/approximate-params');
  assert.equal(r.counts?.trainable, 1792);
});

test('what PEFT silently skips is a warning, with counts', () => {
  const r = countParams(peftPlan({ peft_type: 'LORA', r: 4, layers_to_transform: [1, 5], exclude_modules: ['nothing'], modules_to_save: ['classifier'], ...QV }), tiny());
  assert.deepEqual(r.findings.map((f) => f.code).sort(), ['model/exclude-unused', 'model/layers-out-of-range', 'model/modules-to-save-unmatched']);
  assert.equal(r.counts?.trainable, 896);
});
