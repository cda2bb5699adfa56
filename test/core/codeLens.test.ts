/** The CodeLens never gives a fit verdict for a file with errors: the tool would not start, so it says that instead. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, codeLensesFor } from '../../core/src/index';
import { ctx, doc } from '../helpers/fixtures';

const LF = 'model_name_or_path: meta-llama/Llama-3.2-1B\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_rank: 8\nlora_target: all\ndataset: alpaca_en_demo\ntemplate: llama3\ncutoff_len: 1024\noutput_dir: saves/x\nper_device_train_batch_size: 1\ngradient_accumulation_steps: 8\nlearning_rate: 1.0e-4\nnum_train_epochs: 1.0\nbf16: true\n';

test('a clean file gets the verdict', async () => {
  const d = doc('/w/lf.yaml', LF);
  assert.deepEqual((await check(d, ctx())).filter((i) => i.severity === 'error'), []);
  const [lens] = await codeLensesFor(d, ctx());
  assert.match(lens.title, /peak ≈ .* (fits|too close to call|does not fit)/);
});

test('the same file with a key LLaMA-Factory refuses (a duplicate, which OmegaConf stops on): no verdict, the errors instead', async () => {
  const d = doc('/w/lf.yaml', `${LF}lora_rank: 16\n`);
  const [lens] = await codeLensesFor(d, ctx());
  assert.equal(lens.title, 'lora · ✗ 1 error stops LLaMA-Factory: no estimate until fixed');
  assert.doesNotMatch(lens.title, /fits|peak/);
  assert.match(lens.tooltip!, /appears twice/);
});

test('the issues a caller already has are used as they are (the server passes its cached check)', async () => {
  const d = doc('/w/lf.yaml', LF);
  const [lens] = await codeLensesFor(d, ctx(), [{ code: 'x/refused', severity: 'error', message: 'refused', span: { start: 0, end: 1 } }]);
  assert.match(lens.title, /1 error stops LLaMA-Factory/);
  assert.equal(lens.tooltip, 'refused');
});
