/**
 * A local config.json carrying `quantization_config` resolves as its base architecture in the stored
 * format; one whose quant_method peft-lens cannot size is an unsupported architecture with the reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { resolveSettings } from '../../../core/src/index';
import { lookupCatalog } from '../../../core/src/models/catalog';
import { createModelResolver } from '../../../core/src/models/resolver';

// 2 layers of q, k, v, o 64×64, gate/up 64→128, down 128→64; embeddings and lm_head 100×64; 5 norms of 64.
const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 100, tie_word_embeddings: false };
const OUTSIDE = 2 * 100 * 64 + 5 * 64;

function resolverWith(config: Record<string, unknown>) {
  const host: Host = { trusted: true, workspaceFolders: ['/ws'], readFile: async (p: string) => (p === '/ws/q/config.json' ? JSON.stringify(config) : undefined) };
  return createModelResolver(host, resolveSettings({}));
}

test('a local GPTQ config.json: the packed Linears are buffers PEFT does not count, and the estimate says so', async () => {
  const res = await resolverWith({ ...TINY, quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32 } }).resolve('./q', '/ws/train.yml');
  const arch = res.architecture!;
  assert.equal(arch.source, 'local');
  assert.equal(arch.totalParams, OUTSIDE);
  assert.equal(arch.prequantized?.quantized.length, 14);
  assert.ok(arch.notes?.some((n) => n.startsWith('prequantized checkpoint (GPTQ 4-bit, group 32): 14 Linears')), arch.notes?.join('\n'));
});

test('a quant_method peft-lens cannot size is reported as such, not estimated as the base model', async () => {
  const res = await resolverWith({ ...TINY, quantization_config: { quant_method: 'modelopt', quant_algo: 'NVFP4' } }).resolve('./q', '/ws/train.yml');
  assert.equal(res.architecture, undefined);
  assert.ok(res.notices?.some((n) => n.code === 'model/unsupported-architecture' && /prequantized checkpoint: .*modelopt/.test(n.message)), JSON.stringify(res.notices));
});

test('the catalog holds the prequantized checkpoints the upstream examples train, each with its quantization_config', () => {
  for (const id of ['TheBloke/Llama-2-7B-GPTQ', 'TechxGenus/Meta-Llama-3-8B-Instruct-GPTQ', 'ISTA-DASLab/Meta-Llama-3-8B-Instruct-AQLM-2Bit-1x16', 'hugging-quants/Meta-Llama-3.1-405B-BNB-NF4-BF16', 'axolotl-quants/Llama-4-Scout-17B-16E-Linearized-bnb-nf4-bf16', 'axolotl-quants/Llama-4-Maverick-17B-128E-Linearized-bnb-nf4-bf16']) {
    const hit = lookupCatalog(id);
    assert.ok(hit && typeof hit.entry.config.quantization_config === 'object', id);
  }
});

test("PEFT's own all-linear skips GPTQ's QuantLinear (no nn.Linear), and keeps bitsandbytes' Linear4bit (one)", async () => {
  const { countParams } = await import('../../../core/src/estimate/params/countParams');
  const plan = (target: string) => ({ format: 'peft-adapter' as const, method: { value: 'lora' }, peft: { peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 8, target_modules: target }, training: {} });
  const gptq = (await resolverWith({ ...TINY, quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32 } }).resolve('./q', '/ws/a.json')).architecture!;
  // Every Linear is a QuantLinear and the output layer is excluded: nothing is left, and PEFT stops.
  assert.ok(countParams(plan('all-linear'), gptq).findings.some((f) => f.severity === 'error'));
  const bnb = (await resolverWith({ ...TINY, quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true } }).resolve('./q', '/ws/a.json')).architecture!;
  // r 8 on 14 Linears: per layer 4 × 8 × (64 + 64) + 2 × 8 × (64 + 128) + 8 × (128 + 64) = 8,704.
  assert.equal(countParams(plan('all-linear'), bnb).counts?.trainable, 2 * 8_704);
});
