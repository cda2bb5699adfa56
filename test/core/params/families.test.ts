/**
 * Per architecture family: the module names and types PEFT sees, default targets, heads added by
 * task_type, and figures PEFT itself has printed for these models (its README and examples).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import type { Architecture } from '../../../core/src/models/types';
import { catalog, peftPlan } from '../../helpers/models';

function counts(arch: Architecture, peft: Record<string, unknown>) {
  const r = countParams(peftPlan(peft), arch);
  return { trainable: r.counts?.trainable, total: r.counts?.total, targets: r.counts?.targets, findings: r.findings, className: r.architecture?.className };
}

function moduleType(arch: Architecture, name: string): string | undefined {
  return arch.modules.find((m) => m.name === name)?.type;
}

test('GPT-2: Conv1D layers with a fused c_attn; LoRA r=8 default trains 294,912 of 124,734,720', () => {
  const gpt2 = catalog('gpt2');
  assert.equal(moduleType(gpt2, 'transformer.h.0.attn.c_attn'), 'Conv1D');
  assert.equal(gpt2.modules.find((m) => m.name === 'lm_head')?.tiedTo, 'transformer.wte');
  const r = counts(gpt2, { peft_type: 'LORA', r: 8, task_type: 'CAUSAL_LM' });
  assert.deepEqual([r.trainable, r.total, r.targets], [294912, 124734720, ['c_attn']]);
  // IA3 defaults: c_attn scaled on its 2304 outputs, mlp.c_proj (feed-forward) on its 3072 inputs
  assert.equal(counts(gpt2, { peft_type: 'IA3' }).trainable, 12 * (2304 + 3072));
  // FourierFT and C3A default to mlp.c_proj on GPT-2
  assert.deepEqual(counts(gpt2, { peft_type: 'FOURIERFT', n_frequency: 100 }).targets, ['c_proj']);
  // LoHa/LoKr/OFT/C3A adapt only nn.Linear-like layers, and GPT-2's are transformers Conv1D
  for (const peft_type of ['LOHA', 'LOKR', 'OFT', 'BOFT', 'HRA', 'MISS', 'C3A']) {
    assert.equal(counts(gpt2, { peft_type, target_modules: ['c_attn'] }).findings[0]?.code, 'model/unsupported-layer', peft_type);
  }
  assert.equal(counts(gpt2, { peft_type: 'VERA', target_modules: ['c_attn'] }).findings.length, 0);
});

test('BLOOM: fused query_key_value; PEFT README figures for bloomz-560m', () => {
  const bloom = catalog('bigscience/bloomz-560m');
  assert.deepEqual([counts(bloom, { peft_type: 'LORA', r: 8 }).trainable, counts(bloom, { peft_type: 'LORA', r: 8 }).total], [786432, 560001024]);
  const prompt = counts(bloom, { peft_type: 'PROMPT_TUNING', num_virtual_tokens: 8, task_type: 'CAUSAL_LM' });
  assert.deepEqual([prompt.trainable, prompt.total], [8192, 559222784]);
});

test('T5: encoder-decoder with relative attention bias in block 0; LoRA q,v on t5-base', () => {
  const t5 = catalog('t5-base');
  assert.equal(moduleType(t5, 'encoder.block.0.layer.0.SelfAttention.relative_attention_bias'), 'Embedding');
  assert.equal(moduleType(t5, 'encoder.block.1.layer.0.SelfAttention.relative_attention_bias'), undefined);
  assert.equal(moduleType(t5, 'decoder.block.0.layer.1.EncDecAttention.q'), 'Linear');
  const r = counts(t5, { peft_type: 'LORA', r: 8, task_type: 'SEQ_2_SEQ_LM' });
  assert.deepEqual([r.trainable, r.total, r.className], [884736, 223788288, 'T5ForConditionalGeneration']);
  const flan = catalog('google/flan-t5-base');
  assert.equal(moduleType(flan, 'encoder.block.0.layer.1.DenseReluDense.wi_1'), 'Linear');
  // prompt tuning on a seq2seq model doubles the virtual tokens (encoder and decoder)
  assert.equal(counts(t5, { peft_type: 'PROMPT_TUNING', num_virtual_tokens: 10, task_type: 'SEQ_2_SEQ_LM' }).trainable, 2 * 10 * 768);
});

test('RoBERTa SEQ_CLS: LoRA plus the classification head PEFT saves, as in its sequence-classification example', () => {
  const r = counts(catalog('roberta-large'), { peft_type: 'LORA', r: 8, task_type: 'SEQ_CLS' });
  assert.deepEqual([r.trainable, r.total, r.className], [1838082, 357199876, 'RobertaForSequenceClassification']);
});

test('BERT and DeBERTa-v3 heads follow task_type', () => {
  const bert = catalog('bert-base-uncased');
  assert.equal(bert.className, 'BertModel');
  assert.equal(moduleType(bert, 'pooler.dense'), 'Linear');
  const cls = counts(bert, { peft_type: 'LORA', r: 8, task_type: 'SEQ_CLS' });
  // query/value LoRA 12·2·8·1536, plus a trainable copy of classifier (768·2 + 2)
  assert.deepEqual([cls.trainable, cls.total, cls.className], [294912 + 1538, 109482240 + 1538 + 294912 + 1538, 'BertForSequenceClassification']);
  const tok = counts(bert, { peft_type: 'LORA', r: 8, task_type: 'TOKEN_CLS', num_labels: 2 });
  assert.equal(tok.className, 'BertForTokenClassification');
  const deberta = counts(catalog('microsoft/deberta-v3-base'), { peft_type: 'LORA', r: 8, task_type: 'SEQ_CLS' });
  assert.deepEqual([deberta.trainable, deberta.targets], [294912 + 1538, ['query_proj', 'value_proj']]);
});

test('Falcon, OPT, Phi-2, Phi-3 default and all-linear targets', () => {
  assert.equal(counts(catalog('tiiuae/falcon-7b'), { peft_type: 'LORA', r: 8 }).trainable, 32 * 8 * (4544 + 73 * 64));
  const opt = catalog('facebook/opt-350m');
  assert.equal(moduleType(opt, 'model.decoder.project_in'), 'Linear');
  assert.deepEqual(counts(opt, { peft_type: 'LORA', target_modules: 'all-linear' }).targets, ['fc1', 'fc2', 'k_proj', 'out_proj', 'project_in', 'project_out', 'q_proj', 'v_proj']);
  // phi's default LoRA targets include the MLP: q_proj, v_proj, fc1, fc2
  assert.equal(counts(catalog('microsoft/phi-2'), { peft_type: 'LORA', r: 8 }).trainable, 32 * 8 * (2 * 5120 + 2 * 12800));
  const phi3 = counts(catalog('microsoft/Phi-3-mini-4k-instruct'), { peft_type: 'LORA', target_modules: 'all-linear' });
  assert.deepEqual(phi3.targets, ['down_proj', 'gate_up_proj', 'o_proj', 'qkv_proj']);
  assert.equal(counts(catalog('microsoft/Phi-3-mini-4k-instruct'), { peft_type: 'LORA' }).findings[0]?.code, 'model/no-default-targets');
});

test('Qwen3 and Gemma 2/3 norms; LN tuning defaults', () => {
  const qwen3 = catalog('Qwen/Qwen3-0.6B');
  assert.equal(moduleType(qwen3, 'model.layers.0.self_attn.q_norm'), 'RMSNorm');
  assert.deepEqual(counts(qwen3, { peft_type: 'LN_TUNING' }).targets, ['post_attention_layernorm']);
  const gemma2 = catalog('google/gemma-2-2b');
  assert.deepEqual(counts(gemma2, { peft_type: 'LN_TUNING' }).targets, ['input_layernorm', 'norm', 'post_attention_layernorm', 'post_feedforward_layernorm', 'pre_feedforward_layernorm']);
});

test('Gemma 3 multimodal: no default targets for model_type gemma3; plain names reach the vision tower too', () => {
  const g = catalog('google/gemma-3-4b-it');
  assert.equal(g.className, 'Gemma3ForConditionalGeneration');
  assert.equal(counts(g, { peft_type: 'LORA' }).findings[0]?.code, 'model/no-default-targets');
  const both = counts(g, { peft_type: 'LORA', r: 8, target_modules: ['q_proj'] });
  const text = 34 * 8 * (2560 + 8 * 256);
  const vision = 27 * 8 * (1152 + 1152);
  assert.equal(both.trainable, text + vision);
  const textOnly = counts(g, { peft_type: 'LORA', r: 8, target_modules: '.*language_model.*\\.q_proj' });
  assert.equal(textOnly.trainable, text);
});

test('Mixtral under transformers 5: experts are fused parameters that PEFT reaches through target_parameters', () => {
  const mixtral = catalog('mistralai/Mixtral-8x7B-v0.1');
  assert.equal(moduleType(mixtral, 'model.layers.0.mlp.experts'), 'Parameter');
  const all = counts(mixtral, { peft_type: 'LORA', r: 8, lora_dropout: 0, target_modules: 'all-linear' });
  // per layer: attention LoRA 212,992; router gate.weight [8, 4096] r·4104; gate_up_proj [8, 28672, 4096] at rank 16;
  // down_proj [8, 4096, 14336] at rank 8
  assert.equal(all.trainable, 32 * (212992 + 8 * 4104 + 16 * 8 * (28672 + 4096) + 8 * 8 * (4096 + 14336)));
  assert.equal(counts(mixtral, { peft_type: 'LORA', r: 8, lora_dropout: 0.05, target_modules: 'all-linear' }).findings[0]?.code, 'model/parameter-target-option');
  assert.equal(counts(mixtral, { peft_type: 'LORA', target_modules: ['q_proj', 'w1'] }).findings[0]?.code, 'model/fused-expert-target');
  assert.equal(counts(mixtral, { peft_type: 'LORA', target_modules: ['q_proj', 'v_proj'], lora_dropout: 0.05 }).trainable, 32 * 8 * (8192 + 5120));
  // axolotl's lora_target_linear (and LLaMA-Factory's lora_target: all) hand PEFT the names of nn.Linear layers, which on
  // transformers 5 Mixtral are the attention projections only: nothing is converted, dropout is fine
  const axolotl = countParams({ format: 'axolotl', method: { value: 'qlora' }, peft: { peft_type: 'LORA', r: 8, lora_dropout: 0.05, target_modules: 'all-linear' }, training: {} }, mixtral);
  assert.deepEqual([axolotl.counts?.trainable, axolotl.counts?.targets], [32 * 212992, ['k_proj', 'o_proj', 'q_proj', 'v_proj']]);
  // only the experts' fused gate_up_proj left: PEFT warns that the remaining module names matched nothing
  const experts = counts(mixtral, { peft_type: 'LORA', r: 8, lora_dropout: 0, target_modules: ['w1', 'w3', 'gate_proj'] });
  assert.equal(experts.trainable, 32 * 16 * 8 * (28672 + 4096));
  assert.deepEqual(experts.findings.map((f) => f.code), ['model/target-modules-unmatched']);
  // IA3 is not converted: of its defaults k_proj, v_proj, w2 the experts' w2 no longer exists as a module
  const ia3 = counts(mixtral, { peft_type: 'IA3' });
  assert.deepEqual([ia3.trainable, ia3.targets], [32 * (1024 + 1024), ['k_proj', 'v_proj']]);
  // the conversion turns an absent target_modules into an empty set before PEFT looks up defaults
  assert.equal(counts(mixtral, { peft_type: 'LORA' }).findings[0]?.code, 'model/no-targets');
});

test('Qwen MoE: dense and sparse layers, shared experts', () => {
  const qwen = catalog('Qwen/Qwen1.5-MoE-A2.7B');
  assert.equal(moduleType(qwen, 'model.layers.0.mlp.shared_expert.gate_proj'), 'Linear');
  assert.equal(moduleType(qwen, 'model.layers.0.mlp.shared_expert_gate'), 'Linear');
  const attn = counts(qwen, { peft_type: 'LORA', r: 8, target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj'] });
  assert.equal(attn.trainable, 24 * 4 * 8 * 4096);
  assert.equal(counts(catalog('Qwen/Qwen3-30B-A3B'), { peft_type: 'LORA' }).findings[0]?.code, 'model/no-targets');
  assert.equal(counts(catalog('Qwen/Qwen3-30B-A3B'), { peft_type: 'LOHA' }).findings[0]?.code, 'model/no-default-targets');
});

test('decoder SEQ_CLS swaps lm_head for score and saves it', () => {
  const r = counts(catalog('meta-llama/Llama-3.2-1B'), { peft_type: 'LORA', r: 8, task_type: 'SEQ_CLS', target_modules: 'all-linear' });
  assert.equal(r.className, 'LlamaForSequenceClassification');
  assert.ok(!r.targets?.includes('score'));
});
