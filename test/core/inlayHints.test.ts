/**
 * Inlay hints: what each target module entry and the rank cost. The expected parameter counts are worked
 * out by hand from Llama-3-8B's shapes (32 layers, hidden 4096, 8 KV heads of 128, MLP 14336): a LoRA
 * of rank r on a Linear in→out trains r·(in+out) per layer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inlayHints } from '../../core/src/index';
import { ctx, doc } from '../helpers/fixtures';

const TEXT = `base_model: meta-llama/Meta-Llama-3-8B
adapter: lora
lora_r: 16
lora_alpha: 32
lora_target_modules:
  - q_proj
  - v_proj
  - down_proj
datasets:
  - path: mhenrichsen/alpaca_2k_test
    type: alpaca
micro_batch_size: 1
gradient_accumulation_steps: 4
learning_rate: 0.0002
sequence_len: 2048
`;

const after = (text: string, offset: number) => text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);

describe('inlay hints', () => {
  test('off unless the setting turns them on', async () => {
    assert.deepEqual(await inlayHints(doc('/w/train.yml', TEXT), ctx()), []);
  });

  test('each target module entry: the parameters it adds; the rank: what it adds over half', async () => {
    const hints = await inlayHints(doc('/w/train.yml', TEXT), ctx({ inlayHints: true }));
    const shown = hints.map((h) => `${after(TEXT, h.offset)} ⟶ ${h.label.replace(/ · [+−][\d.]+ GiB/, ' · GiB')}`);
    // q_proj 4096→4096: 16·8192·32 = 4,194,304; v_proj 4096→1024: 16·5120·32 = 2,621,440;
    // down_proj 14336→4096: 16·18432·32 = 9,437,184; r=16 over r=8: half of all three, 8,126,464.
    assert.deepEqual(shown, [
      'lora_r: 16 ⟶ +8.1M params · GiB over r=8',
      '  - q_proj ⟶ +4.2M params · GiB',
      '  - v_proj ⟶ +2.6M params · GiB',
      '  - down_proj ⟶ +9.4M params · GiB',
    ]);
    for (const h of hints) assert.match(h.label, /\+[\d.]+ GiB/, `${h.label}: a LoRA entry costs memory too`);
  });

  test('only hints inside the asked range', async () => {
    const start = TEXT.indexOf('  - v_proj');
    const hints = await inlayHints(doc('/w/train.yml', TEXT), ctx({ inlayHints: true }), { start, end: start + 10 });
    assert.deepEqual(hints.map((h) => after(TEXT, h.offset)), ['  - v_proj']);
  });

  test('no per-entry hints for a single module or all-linear, and none without a resolved model', async () => {
    const one = TEXT.replace('  - v_proj\n  - down_proj\n', '');
    assert.deepEqual((await inlayHints(doc('/w/train.yml', one), ctx({ inlayHints: true }))).map((h) => after(one, h.offset)), ['lora_r: 16']);
    const linear = TEXT.replace(/lora_target_modules:\n(  - \w+\n)+/, 'lora_target_linear: true\n');
    assert.deepEqual((await inlayHints(doc('/w/train.yml', linear), ctx({ inlayHints: true }))).map((h) => after(linear, h.offset)), ['lora_r: 16']);
    const unknown = TEXT.replace('meta-llama/Meta-Llama-3-8B', 'acme/secret-7b');
    assert.deepEqual(await inlayHints(doc('/w/train.yml', unknown), ctx({ inlayHints: true })), []);
  });
});
