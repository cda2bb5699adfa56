/**
 * "Does not fit" with the ways to fit, at the core boundary: which changes are offered for each format,
 * ranked by memory saved, each fix's peak equal to the estimate of the file it writes, and no fix that
 * makes the tool refuse the file. Largest Batch and Sequence: lengths rounded down to a multiple of 64,
 * and the edits that write each answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Settings } from '../../../core/src/index';
import { check, estimate, fitAdvice, fitFixesAt, largestFit } from '../../../core/src/index';
import { requiredBytes } from '../../../core/src/features/fit';
import { applyFix, ctx, doc } from '../../helpers/fixtures';
import { lines } from '../rules/ruleTable';

const LLAMA8B = (...extra: string[]) => lines('base_model: meta-llama/Meta-Llama-3-8B', 'adapter: lora', 'lora_r: 16', 'lora_target_linear: true', ...extra);

const errors = async (path: string, text: string, settings: Partial<Settings>) =>
  (await check(doc(path, text), ctx(settings))).filter((i) => i.severity === 'error').map((i) => i.code);

/** Every offered fix: its peak is the estimate of the edited file, and the edit adds no error. */
async function holdsUp(path: string, text: string, settings: Partial<Settings>) {
  const advice = (await fitAdvice(doc(path, text), ctx(settings)))!;
  assert.ok(advice, 'advice for a file that does not fit');
  const before = await errors(path, text, settings);
  for (const s of advice.suggestions) {
    const edited = applyFix(text, s.fix);
    const m = (await estimate(doc(path, edited), ctx(settings))).memory!;
    assert.equal(requiredBytes(m), s.peakBytes, `${s.change}: the peak is the edited file's`);
    assert.equal(s.savedBytes, advice.peakBytes - s.peakBytes);
    assert.equal(m.fit?.verdict, s.verdict, s.change);
    const after = await errors(path, edited, settings);
    assert.deepEqual(after.filter((c) => !before.includes(c)), [], `${s.change} adds no error`);
  }
  const saved = advice.suggestions.filter((s) => !s.fix.preferred).map((s) => s.savedBytes);
  assert.deepEqual(saved, [...saved].sort((a, b) => b - a), 'ranked by memory saved');
  return advice;
}

const changes = (a: { suggestions: { change: string; verdict: string }[] }) => a.suggestions.map((s) => `${s.change} → ${s.verdict}`);

test('axolotl, micro-batch 8 at 4096 on an H100: a smaller micro-batch with the same effective batch, checkpointing, a chunked loss', async () => {
  const text = LLAMA8B('micro_batch_size: 8', 'sequence_len: 4096');
  const advice = await holdsUp('/w/a.yml', text, {});
  assert.equal(advice.verdict, 'does-not-fit');
  assert.deepEqual(changes(advice), [
    'micro-batch 1 with 8 accumulation steps (the same effective batch of 8) → fits',
    'turn on gradient checkpointing → too-close-to-call',
    'use a chunked cross-entropy (`chunked_cross_entropy: true`) → does-not-fit',
  ]);
  assert.match(applyFix(text, advice.suggestions[0].fix), /^micro_batch_size: 1\n[^]*^gradient_accumulation_steps: 8$/m);
  assert.match(advice.suggestions[1].fix.title, /^Turn on gradient checkpointing: peak [\d.]+ GiB → [\d.]+ GiB per GPU \(too close to call on H100-80GB\)$/);
  assert.match(advice.markdown, /### How to fit H100-80GB/);
});

test('when no single change fits, the best ones applied in turn are offered first as one fix, preferred', async () => {
  const text = LLAMA8B('micro_batch_size: 2', 'sequence_len: 2048');
  const advice = await holdsUp('/w/a.yml', text, { gpu: 'RTX-4090' });
  const [combined, ...singles] = advice.suggestions;
  assert.equal(combined.fix.preferred, true);
  assert.equal(combined.verdict, 'fits');
  assert.match(combined.change, /^turn on gradient checkpointing, then load the base model in 4-bit \(QLoRA\), then /);
  assert.ok(singles.every((s) => s.verdict !== 'fits'));
  const edited = applyFix(text, combined.fix);
  assert.match(edited, /^adapter: qlora$/m);
  assert.match(edited, /^load_in_4bit: true$/m);
});

test('each format writes its own keys: LLaMA-Factory turns off its disable flag, quantizes with quantization_bit, fuses with Liger', async () => {
  const text = lines('model_name_or_path: Qwen/Qwen2.5-7B', 'stage: sft', 'finetuning_type: lora', 'lora_target: all', 'per_device_train_batch_size: 8', 'gradient_accumulation_steps: 2', 'cutoff_len: 4096', 'disable_gradient_checkpointing: true');
  const advice = await holdsUp('/w/lf.yaml', text, { gpu: 'A100-40GB' });
  const edits = advice.suggestions.filter((s) => !s.fix.preferred).map((s) => applyFix(text, s.fix).split('\n').filter((l) => !text.split('\n').includes(l)).join(' | '));
  assert.deepEqual(edits, ['per_device_train_batch_size: 1 | gradient_accumulation_steps: 16', 'disable_gradient_checkpointing: false', 'enable_liger_kernel: true', 'quantization_bit: 4']);
});

test('with several GPUs and no sharding, ZeRO-3 in the tool\'s words; torchtune switches its loss class', async () => {
  const text = `# peft-lens: gpus=4\n${LLAMA8B('micro_batch_size: 4', 'sequence_len: 4096', 'gradient_checkpointing: true')}`;
  const advice = await holdsUp('/w/a.yml', text, { gpu: 'A100-40GB' });
  const zero3 = advice.suggestions.find((s) => s.change.startsWith('shard with DeepSpeed ZeRO-3 across the 4 GPUs'));
  assert.ok(zero3, changes(advice).join('; '));
  assert.match(applyFix(text, zero3.fix), /^deepspeed: deepspeed_configs\/zero3_bf16.json$/m);
  const tt = lines(
    'model:', '  _component_: torchtune.models.llama3_1.lora_llama3_1_8b', '  lora_attn_modules: [q_proj, v_proj]',
    'batch_size: 4', 'tokenizer:', '  _component_: torchtune.models.llama3.llama3_tokenizer', '  path: /tmp/tokenizer.model', '  max_seq_len: 8192',
    'loss:', '  _component_: torch.nn.CrossEntropyLoss', 'enable_activation_checkpointing: false',
  );
  const ttAdvice = await holdsUp('/w/tt.yaml', tt, {});
  const loss = ttAdvice.suggestions.find((s) => s.change.startsWith('compute the loss in chunks'));
  assert.ok(loss, changes(ttAdvice).join('; '));
  assert.match(applyFix(tt, loss.fix), /^ {2}_component_: torchtune.modules.loss.CEWithChunkedOutputLoss$/m);
  assert.match(applyFix(tt, ttAdvice.suggestions.find((s) => s.change.includes('checkpointing'))!.fix), /^enable_activation_checkpointing: true$/m);
});

test('a file that fits gets no advice; the fixes are offered on the lens line only', async () => {
  const fits = LLAMA8B('micro_batch_size: 1', 'sequence_len: 1024', 'gradient_checkpointing: true');
  assert.equal(await fitAdvice(doc('/w/a.yml', fits), ctx()), undefined);
  const text = LLAMA8B('micro_batch_size: 8', 'sequence_len: 4096');
  const d = doc('/w/a.yml', text);
  const at = text.indexOf('adapter') + 2;
  assert.equal((await fitFixesAt(d, ctx(), at, at)).length, 3);
  const elsewhere = text.indexOf('lora_r');
  assert.deepEqual(await fitFixesAt(d, ctx(), elsewhere, elsewhere), []);
  assert.deepEqual(await fitFixesAt(d, ctx(), 0, text.length), [], 'a whole-file range does not start the advice');
});

test('Largest Batch and Sequence rounds the length down to a multiple of 64 and writes either answer into the file', async () => {
  const text = LLAMA8B('micro_batch_size: 2', 'sequence_len: 2048', 'gradient_checkpointing: true');
  const fit = await largestFit(doc('/w/a.yml', text), ctx());
  assert.ok(fit.available, fit.reason);
  const seq = fit.sequenceLength!;
  assert.equal(seq.value % 64, 0);
  if (seq.solved !== undefined) {
    assert.ok(seq.solved > seq.value && seq.solved - seq.value < 64);
    assert.equal(seq.roundedTo, 64);
    assert.match(fit.markdown, new RegExp(`sequence length \\*\\*${seq.value}\\*\\* .*\\(${seq.solved} fits; rounded down to a multiple of 64\\)`));
  }
  const withSeq = applyFix(text, fit.apply!.sequenceLength!);
  assert.match(withSeq, new RegExp(`^sequence_len: ${seq.value}$`, 'm'));
  assert.equal((await estimate(doc('/w/a.yml', withSeq), ctx())).memory!.fit!.verdict, 'fits');
  const withBatch = applyFix(text, fit.apply!.microBatchSize!);
  assert.match(withBatch, new RegExp(`^micro_batch_size: ${fit.microBatchSize!.value}$`, 'm'));
  assert.equal(fit.apply!.sequenceLength!.title, `Set the sequence length to ${seq.value}`);
  // An adapter_config.json has no batch or length to write: the answers come without edits.
  const adapter = JSON.stringify({ peft_type: 'LORA', base_model_name_or_path: 'meta-llama/Meta-Llama-3-8B', r: 8, target_modules: ['q_proj'] });
  const a = await largestFit(doc('/w/adapter_config.json', adapter), ctx());
  assert.ok(a.available, a.reason);
  assert.equal(a.apply, undefined);
});
