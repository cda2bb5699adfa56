/**
 * Gemma 3n (transformers v5.17 models/gemma3n, its vision tower timm's mobilenetv5_300m_enc): each
 * catalog inventory adds up to the safetensors total of the Hub page, and LoRA counts worked out by
 * hand from the module shapes.
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

const l8 = (inF: number, outF: number) => 8 * (inF + outF);
const sum = (arch: Architecture, prefix: string) => arch.modules.filter((m) => m.name.startsWith(prefix)).reduce((s, m) => s + m.params, 0);

/** axolotl's Gemma 3n example regex: the language model's attention and MLP projections only. */
const AXOLOTL = 'model.language_model.layers.[\\d]+.(mlp|self_attn).(up|down|gate|q|k|v|o)_proj';

test('Gemma 3n totals: E2B 5,439,438,272 and E4B 7,849,978,192, the 294M MobileNetV5 tower and the 681M Conformer included', () => {
  const e2b = catalog('google/gemma-3n-E2B-it');
  assert.deepEqual([e2b.totalParams, e2b.className, e2b.tieWordEmbeddings], [5439438272, 'Gemma3nForConditionalGeneration', true]);
  assert.equal(catalog('google/gemma-3n-E4B').totalParams, 7849978192);
  assert.equal(sum(e2b, 'model.vision_tower.'), 294126912);
  assert.equal(sum(e2b, 'model.audio_tower.'), 681348640);
  // the tower is all Conv2d (its stem biased), so no nn.Linear of it is a LoRA target
  assert.equal(e2b.modules.some((m) => m.name.startsWith('model.vision_tower.') && m.type === 'Linear'), false);
  assert.equal(e2b.modules.find((m) => m.name === 'model.vision_tower.timm_model.conv_stem.conv')?.params, 64 * 3 * 9 + 64);
  // the residual-stream projections are not decoder layers
  assert.equal(e2b.modules.find((m) => m.name === 'model.language_model.altup_projections.0')?.layer, undefined);
  assert.equal(e2b.modules.find((m) => m.name === 'model.language_model.layers.29.laurel.linear_left')?.layer, 29);
});

test('Gemma 3n E2B LoRA r=8: the example regex, all-linear (AltUp, Laurel, per-layer inputs, the audio tower, both embedders)', () => {
  const g = catalog('google/gemma-3n-E2B-it');
  const attn = 2 * l8(2048, 2048) + 2 * l8(2048, 512);
  const mlp = 2 * l8(2048, 8192) + l8(8192, 2048);
  assert.deepEqual(lora(g, { target_modules: AXOLOTL }), { trainable: 30 * (attn + mlp), modules: 30 * 7, codes: [] });
  assert.deepEqual(lora(g, {}).codes, ['model/no-default-targets']);
  // per layer besides: AltUp's correction 4 → 4, prediction 4 → 16, router 2048 → 4; Laurel 2048 → 64 → 2048; gate 2048 → 256 and projection back
  const extra = l8(4, 4) + l8(4, 16) + l8(2048, 4) + l8(2048, 64) + l8(64, 2048) + l8(2048, 256) + l8(256, 2048);
  const model = l8(2048, 30 * 256) + 6 * l8(2048, 2048);
  // audio: subsampling projection 1024 → 1536; per block two feed-forwards, pos/q/k/v/post, linear_start/end
  const audio = l8(1024, 1536) + 12 * (2 * (l8(1536, 6144) + l8(6144, 1536)) + 5 * l8(1536, 1536) + l8(1536, 3072) + l8(1536, 1536));
  const embedders = l8(2048, 2048) + l8(1536, 2048);
  assert.equal(lora(g, { target_modules: 'all-linear' }).trainable, 30 * (attn + mlp + extra) + model + audio + embedders);
});

test('LLaMA-Factory on Gemma 3n: `lora_target: all` picks up the ModuleList indices of the AltUp projections, which PEFT refuses; a list works', () => {
  const g = catalog('google/gemma-3n-E2B-it');
  const plan = (targets: unknown): TrainingPlan => ({ format: 'llamafactory', method: { value: 'lora' }, peft: { peft_type: 'LORA', r: 8, target_modules: targets }, training: {} });
  // find_all_linear_modules keeps each Linear's last name part: `altup_projections.0` gives "0", and the
  // substring rewrite then names decoder layers such as `layers.10`, which are no layer PEFT can adapt
  assert.deepEqual(countParams(plan('all-linear'), g).findings.map((f) => f.code), ['model/unsupported-layer']);
  // q_proj/v_proj, matched as substrings outside the frozen towers: the language model's only
  const r = countParams(plan(['q_proj', 'v_proj']), g);
  assert.deepEqual([r.counts?.trainable, r.findings.map((f) => f.code)], [30 * (l8(2048, 2048) + l8(2048, 512)), []]);
});
