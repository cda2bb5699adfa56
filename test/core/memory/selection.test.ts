/**
 * The memory estimate adapts exactly the modules the parameter count selected: same names, layers,
 * widths and ranks, and the same raw parameters (MoE experts), for selections that a second
 * implementation would get wrong (tool all-linear lists on MoE models, Python-only regex syntax,
 * rank_pattern). The adapter parameters the count reports are re-derived from what memory sees.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory } from '../../../core/src/estimate/memory/index';
import { firstTrainableLayer } from '../../../core/src/estimate/memory/method';
import type { MethodShape } from '../../../core/src/estimate/memory/method';
import { prepareStep } from '../../../core/src/estimate/memory/step';
import { countedModel, countParams } from '../../../core/src/estimate/params/countParams';
import type { CountedModel } from '../../../core/src/estimate/params/selection';
import { estimate } from '../../../core/src/index';
import type { Architecture } from '../../../core/src/models/types';
import type { TrainingPlan } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import { ctx, doc } from '../../helpers/fixtures';
import { catalog } from '../../helpers/models';
import { countedTiny, LORA_QV, TINY_LORA_PARAMS, TINY_PARAMS, tinyPlan } from './tiny';

function shapeOf(plan: TrainingPlan, counted: CountedModel): MethodShape {
  return prepareStep(plan, counted, DEFAULT_SETTINGS).shape;
}

/** Asserts memory's adapters are the counter's, and that their LoRA parameters add up to the count. */
function assertSameModules(plan: TrainingPlan, counted: CountedModel): MethodShape {
  const shape = shapeOf(plan, counted);
  const s = counted.selection;
  const linears = s.modules.filter((m) => m.type === 'Linear' || m.type === 'Conv1D');
  assert.deepEqual(
    shape.adapted.map((a) => [a.name, a.layer, a.inFeatures, a.outFeatures, a.r]),
    linears.map((m) => [m.name, m.layer, m.inFeatures, m.outFeatures, m.rank]),
  );
  assert.deepEqual(shape.parameters, s.parameters);
  const lora = shape.adapted.reduce((sum, a) => sum + a.r * (a.inFeatures + a.outFeatures), 0);
  const experts = shape.parameters.reduce((sum, p) => sum + p.rank * p.experts * (p.inFeatures + p.outFeatures), 0);
  assert.equal(lora + experts, counted.counts.breakdown?.find((b) => b.term === 'adapter')?.trainable);
  return shape;
}

function counted(plan: TrainingPlan, arch: Architecture): CountedModel {
  const result = countParams(plan, arch);
  const c = countedModel(result);
  assert.ok(c, result.findings.map((f) => f.message).join('; '));
  return c;
}

async function axolotlPlan(model: string): Promise<TrainingPlan> {
  const text = `base_model: ${model}\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_linear: true\nmicro_batch_size: 1\nsequence_len: 512\n`;
  const result = await estimate(doc('/work/axolotl.yml', text), ctx());
  assert.ok(result.memory, 'the estimate reaches memory');
  return result.plan!;
}

test('the tiny model the hand derivations use counts as derived', () => {
  const lora = countedTiny(tinyPlan({ peft: LORA_QV }));
  assert.deepEqual([lora.counts.trainable, lora.counts.total], [TINY_LORA_PARAMS, TINY_PARAMS + TINY_LORA_PARAMS]);
  assert.deepEqual([countedTiny(tinyPlan()).counts.trainable, countedTiny(tinyPlan()).selection.peftType], [TINY_PARAMS, 'FULL']);
});

test('axolotl lora_target_linear on Qwen-MoE: shared-expert names become expert parameters, as PEFT converts them', async () => {
  const plan = await axolotlPlan('Qwen/Qwen1.5-MoE-A2.7B');
  const qwen = counted(plan, catalog('Qwen/Qwen1.5-MoE-A2.7B'));
  const shape = assertSameModules(plan, qwen);
  const leaves = new Set(shape.adapted.map((a) => a.name.split('.').pop()));
  // axolotl lists gate_proj/up_proj/down_proj (the shared expert's Linears); PEFT's transformers 5 conversion
  // moves those names to the fused experts, so the shared expert itself carries no adapter.
  assert.deepEqual([...leaves].sort(), ['k_proj', 'o_proj', 'q_proj', 'shared_expert_gate', 'v_proj']);
  assert.deepEqual([...new Set(shape.parameters.map((p) => `${p.key.split('.').pop()}@r${p.rank}`))].sort(), ['down_proj@r8', 'gate_up_proj@r16']);
  assert.ok(shape.trainableLayers.includes(0));
  const notes = prepareStep(plan, qwen, DEFAULT_SETTINGS).notes;
  assert.ok(notes.some((n) => n.startsWith('target_modules: the axolotl expansion')));
  assert.ok(notes.some((n) => n.includes('target_parameters') && n.includes('not modelled')));
});

test('axolotl lora_target_linear on Mixtral: the nn.Linear layers are the attention projections only', async () => {
  const plan = await axolotlPlan('mistralai/Mixtral-8x7B-v0.1');
  const shape = assertSameModules(plan, counted(plan, catalog('mistralai/Mixtral-8x7B-v0.1')));
  assert.equal(shape.adapted.length, 32 * 4);
  assert.deepEqual(shape.parameters, []);
});

test('a target_modules regex with Python-only syntax selects what PEFT selects, and memory follows', () => {
  // (?P<i>...) is Python's named group; JavaScript's RegExp rejects it.
  const regex = tinyPlan({ peft: { ...LORA_QV, target_modules: 'model\\.layers\\.(?P<i>\\d+)\\.self_attn\\.(q|v)_proj' } });
  const c = countedTiny(regex);
  const shape = assertSameModules(regex, c);
  assert.deepEqual(shape.adapted.map((a) => a.name), ['model.layers.0.self_attn.q_proj', 'model.layers.0.self_attn.v_proj', 'model.layers.1.self_attn.q_proj', 'model.layers.1.self_attn.v_proj']);
  // The same modules as the list ['q_proj', 'v_proj']: the same count and the same memory, to the byte.
  const list = tinyPlan({ peft: LORA_QV });
  assert.equal(c.counts.trainable, TINY_LORA_PARAMS);
  assert.equal(estimateMemory(regex, c, DEFAULT_SETTINGS).peak_allocated_bytes, estimateMemory(list, countedTiny(list), DEFAULT_SETTINGS).peak_allocated_bytes);
});

test('rank_pattern: memory sees the rank each module was built with', () => {
  const plan = tinyPlan({ peft: { ...LORA_QV, rank_pattern: { 'layers\\.(?P<n>1)\\.self_attn\\.q_proj': 64, v_proj: 4 } } });
  const shape = assertSameModules(plan, countedTiny(plan));
  assert.deepEqual(
    shape.adapted.map((a) => [a.name.replace('model.layers.', '').replace('.self_attn', ''), a.r]),
    [['0.q_proj', 16], ['0.v_proj', 4], ['1.q_proj', 64], ['1.v_proj', 4]],
  );
});

test('LLaMA-Adapter trains prompts in the top layers\' attention, not LoRA on q/v: gradients start there', () => {
  const plan = tinyPlan({ peft: { peft_type: 'ADAPTION_PROMPT', adapter_len: 10, adapter_layers: 1 } });
  const shape = shapeOf(plan, countedTiny(plan));
  assert.deepEqual([shape.kind, shape.adapted, shape.trainableLayers, shape.virtualTokens], ['adapter', [], [1], 0]);
  assert.equal(firstTrainableLayer(shape, 2), 1);
});

test('trainable tokens and modules_to_save copies come from the count', () => {
  const tokens = tinyPlan({ peft: { ...LORA_QV, trainable_token_indices: [1, 2, 3] } });
  assert.equal(shapeOf(tokens, countedTiny(tokens)).inputsNeedGrad, true);
  const head = tinyPlan({ peft: { ...LORA_QV, modules_to_save: ['lm_head'] } });
  const shape = shapeOf(head, countedTiny(head));
  assert.deepEqual([shape.lmHeadTrains, shape.inputsNeedGrad, shape.baseDtypeTrainable], [true, false, 32000 * 1024]);
});
