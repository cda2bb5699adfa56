/** axolotl's llama4_linearized_experts: one nn.Linear per Llama-4 expert, which a bitsandbytes checkpoint then quantizes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countParams } from '../../../core/src/estimate/params/countParams';
import { extractor } from '../planHelpers';
import { buildArchitecture } from '../../../core/src/models/architecture';
import { catalogConfig, lookupCatalog } from '../../../core/src/models/catalog';
import { withLinearizedExperts } from '../../../core/src/models/linearizedExperts';

const scout = lookupCatalog('meta-llama/Llama-4-Scout-17B-16E-Instruct')!.entry;
const axolotl = extractor('axolotl', '/ws/a.yml');
const BNB = { quant_method: 'bitsandbytes', load_in_4bit: true, bnb_4bit_quant_type: 'nf4', bnb_4bit_use_double_quant: true };

test('Scout linearized: 48 MoE layers × 16 experts × 3 Linears in place of the fused tensors, the same parameter count', () => {
  const fused = buildArchitecture(catalogConfig(scout), { id: scout.id, source: 'catalog' });
  const lin = withLinearizedExperts(fused);
  assert.equal(lin.totalParams, fused.totalParams);
  const e15 = lin.modules.find((m) => m.name === 'language_model.model.layers.0.feed_forward.experts.down_projs.15');
  assert.deepEqual([e15?.type, e15?.inFeatures, e15?.outFeatures, e15?.layer], ['Linear', 8192, 5120, 0]);
  assert.equal(lin.modules.filter((m) => /experts\.(gate|up|down)_projs\.\d+$/.test(m.name)).length, 48 * 16 * 3);
});

test('a bitsandbytes checkpoint quantizes the per-expert Linears only once they are linearized', () => {
  const fused = buildArchitecture({ ...catalogConfig(scout), quantization_config: BNB }, { id: 'local-scout', source: 'local' });
  const lin = withLinearizedExperts(fused);
  assert.equal(lin.prequantized!.quantized.length, fused.prequantized!.quantized.length + 48 * 16 * 3);
  // Params4bit counts as the weight count, so PEFT's total does not move either way.
  assert.equal(lin.totalParams, fused.totalParams);
});

test('the axolotl key reaches the count: with it, PEFT can target one expert Linear by name', () => {
  const text = (linearized: boolean) =>
    `base_model: meta-llama/Llama-4-Scout-17B-16E-Instruct\nadapter: lora\nlora_r: 8\nlora_alpha: 16\nlora_target_modules:\n  - experts.gate_projs.0\n${linearized ? 'llama4_linearized_experts: true\n' : ''}`;
  const fused = buildArchitecture(catalogConfig(scout), { id: scout.id, source: 'catalog' });
  const on = countParams(axolotl(text(true)), fused);
  // 48 layers × r 8 × (5120 + 8192).
  assert.equal(on.counts?.trainable, 48 * 8 * (5120 + 8192));
  assert.ok(countParams(axolotl(text(false)), fused).findings.some((f) => f.code === 'model/target-not-found'));
});

test("axolotl's own linearized Scout upload resolves from the catalog as a double-quantized bitsandbytes checkpoint", () => {
  const hit = lookupCatalog('axolotl-quants/Llama-4-Scout-17B-16E-Linearized-bnb-nf4-bf16')!.entry;
  const fused = buildArchitecture(catalogConfig(hit), { id: hit.id, source: 'catalog' });
  const lin = withLinearizedExperts(fused);
  assert.equal(lin.prequantized?.method, 'bitsandbytes');
  assert.equal(lin.prequantized?.doubleQuant, true);
  // The same shapes as Meta's Scout, so the same count: Params4bit is counted as the weight count.
  assert.equal(lin.totalParams, buildArchitecture(catalogConfig(scout), { id: scout.id, source: 'catalog' }).totalParams);
  assert.ok(lin.prequantized!.quantized.includes('language_model.model.layers.47.feed_forward.experts.down_projs.15'));
});
