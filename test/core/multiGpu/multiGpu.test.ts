/**
 * Multi-GPU at the core boundary: the GPU count a file's comments state, the hint when a sharding setting
 * is estimated on the one GPU the settings assume, and the DeepSpeed file looked for where the tool looks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { check, codeLensesFor, createContext, estimate, openDocument } from '../../../core/src/index';
import { applyFix, ctx, doc, summary } from '../../helpers/fixtures';
import { lines } from '../rules/ruleTable';

const AXOLOTL = (...extra: string[]) =>
  // The keys axolotl cannot start without come last, so the lines the tests name stay where they are.
  lines(
    'base_model: meta-llama/Meta-Llama-3-8B', 'adapter: lora', 'lora_r: 16', 'lora_target_linear: true', 'micro_batch_size: 2', 'sequence_len: 2048', ...extra,
    ...REQUIRED.filter((line) => !extra.some((e) => e.split(':')[0] === line.split(':')[0])),
  );
const REQUIRED = ['lora_alpha: 32', 'gradient_accumulation_steps: 1', 'learning_rate: 0.0002', 'datasets:', '  - path: mhenrichsen/alpaca_2k_test', '    type: alpaca'];

const CODES = (code: string) => code.startsWith('estimate/gpus') || code.startsWith('estimate/deepspeed');

/** A workspace at /w whose files are given (path → text), read like the Node host reads them. */
function workspace(files: Record<string, string>, trusted = true): Host {
  return {
    trusted,
    workspaceFolders: ['/w'],
    readFile: async (p) => files[p],
    listDir: async (p) => Object.keys(files).filter((f) => f.slice(0, f.lastIndexOf('/')) === p).map((f) => f.slice(f.lastIndexOf('/') + 1)),
  };
}

const gpusOf = async (text: string) => (await estimate(doc('/w/train.yml', text), ctx())).plan?.training.gpus;

test('the GPU count comes from the first-line comment, or from a launch command in a comment', async () => {
  const table: [string, string, number | undefined, string | undefined][] = [
    ['peft-lens comment', `# peft-lens: gpus=8\n${AXOLOTL('deepspeed: zero3.json')}`, 8, 'peft-lens gpus'],
    ['beside a stack pin', `# peft-lens: axolotl=0.18 gpus=4\n${AXOLOTL()}`, 4, 'peft-lens gpus'],
    ['accelerate launch', `# accelerate launch --num_processes 4 -m axolotl.cli.train train.yml\n${AXOLOTL()}`, 4, '--num_processes'],
    ['accelerate with =', `# accelerate launch --num_processes=2 -m axolotl.cli.train x.yml\n${AXOLOTL()}`, 2, '--num_processes'],
    ['torchrun over two nodes', `${AXOLOTL()}# torchrun --nnodes 2 --nproc_per_node 8 -m axolotl.cli.train x.yml\n`, 16, '--nproc_per_node'],
    ['deepspeed launcher', `# deepspeed --num_gpus 8 train.py\n${AXOLOTL()}`, 8, '--num_gpus'],
    ['LLaMA-Factory environment', `# FORCE_TORCHRUN=1 NPROC_PER_NODE=4 llamafactory-cli train x.yaml\n${AXOLOTL()}`, 4, 'NPROC_PER_NODE'],
    ['no comment', AXOLOTL(), undefined, undefined],
    ['a flag outside a comment is not a launch', `${AXOLOTL()}run_name: --num_processes 4\n`, undefined, undefined],
  ];
  for (const [title, text, count, key] of table) {
    const gpus = await gpusOf(text);
    assert.equal(gpus?.value, count, title);
    assert.equal(gpus?.key, key, title);
    if (gpus?.span) assert.equal(text.slice(gpus.span.start, gpus.span.end), String(title.includes('nodes') ? 8 : count), `${title}: the span is the number`);
  }
});

test('a key the tool reads beats a launch comment; a stated peft-lens count beats one the format assumed from its header', async () => {
  const trl = lines('# accelerate launch --num_processes 2 trl sft', 'model_name_or_path: Qwen/Qwen2.5-0.5B', 'use_peft: true', 'num_processes: 8');
  assert.equal((await estimate(doc('/w/sft.yaml', trl), ctx())).plan?.training.gpus?.value, 8);
  const tt = lines('# peft-lens: gpus=4', '# tune run --nproc_per_node 2 lora_finetune_distributed --config this.yaml', 'model:', '  _component_: torchtune.models.llama3_2.lora_llama3_2_1b', '  lora_attn_modules: [q_proj, v_proj]');
  assert.equal((await estimate(doc('/w/tt.yaml', tt), ctx())).plan?.training.gpus?.value, 4);
});

test('ZeRO-3 on the assumed single GPU gets an info with fixes that state the count, and the lens says so', async () => {
  const text = AXOLOTL('deepspeed: deepspeed_configs/zero3_bf16.json');
  const d = doc('/w/train.yml', text);
  const issues = (await check(d, ctx())).filter((i) => CODES(i.code));
  assert.deepEqual(summary(text, issues), ['estimate/gpus-assumed@7']);
  const [hint] = issues;
  assert.match(hint.message, /DeepSpeed ZeRO-3 shards across the GPUs .* assumes 1 GPU/);
  assert.deepEqual(hint.fixes!.map((f) => f.title), [2, 4, 8].map((n) => `Estimate on ${n} GPUs (\`# peft-lens: gpus=${n}\` on the first line)`));
  const [lens] = await codeLensesFor(d, ctx());
  assert.match(lens.title, /assumed 1 GPU, DeepSpeed ZeRO-3 shards across N$/);
  // Applying the fix states the count: the hint goes, the lens drops it, and the peak per GPU falls.
  const fixed = applyFix(text, hint.fixes![2]);
  assert.ok(fixed.startsWith('# peft-lens: gpus=8\nbase_model:'));
  const d8 = doc('/w/train.yml', fixed);
  assert.deepEqual((await check(d8, ctx())).filter((i) => CODES(i.code)), []);
  const [lens8] = await codeLensesFor(d8, ctx());
  assert.doesNotMatch(lens8.title, /assumed 1 GPU/);
  const peak = async (x: typeof d) => (await estimate(x, ctx())).memory!.per_gpu_bytes;
  // ZeRO-3 over 8 GPUs keeps 1/8 of the 16 GB of bf16 weights on each (the activations stay whole).
  assert.ok((await peak(d)) - (await peak(d8)) > 12 * 2 ** 30, 'ZeRO-3 over 8 GPUs shards the weights');
});

test('the gpus fix joins an existing first-line comment, and replaces a count already there', async () => {
  const pinned = `# peft-lens: axolotl=0.18\n${AXOLOTL('deepspeed: zero3.json')}`;
  const hint = (await check(doc('/w/a.yml', pinned), ctx())).find((i) => i.code === 'estimate/gpus-assumed')!;
  assert.ok(applyFix(pinned, hint.fixes![1]).startsWith('# peft-lens: axolotl=0.18 gpus=4\n'));
  // A stated count of 1 is a choice, not an assumption: no hint.
  assert.equal((await check(doc('/w/a.yml', `# peft-lens: gpus=1\n${AXOLOTL('deepspeed: zero3.json')}`), ctx())).filter((i) => CODES(i.code)).length, 0);
  // Nor when the settings already say several GPUs.
  assert.equal((await check(doc('/w/a.yml', AXOLOTL('deepspeed: zero3.json')), ctx({ gpuCount: 4 }))).filter((i) => CODES(i.code)).length, 0);
  // ZeRO-2 and FSDP full shard shard too; DDP does not.
  const fsdp = AXOLOTL('fsdp_version: 2', 'fsdp_config:', '  reshard_after_forward: true');
  assert.deepEqual(summary(fsdp, (await check(doc('/w/a.yml', fsdp), ctx())).filter((i) => CODES(i.code))), ['estimate/gpus-assumed@8']);
});

const ZERO2 = JSON.stringify({ zero_optimization: { stage: 2 } });

test('the DeepSpeed file is looked for in the workspace root, then beside the config; the found file sets the stage', async () => {
  const table: [string, Record<string, string>, string, string[], number | undefined][] = [
    // A name that says zero3 but a file that says stage 2: the file wins.
    ['in the workspace root', { '/w/ds/zero3.json': ZERO2 }, 'ds/zero3.json', [], 2],
    ['beside the config only', { '/w/configs/ds/zero3.json': ZERO2 }, 'ds/zero3.json', ['estimate/deepspeed-file-beside@8'], 2],
    ['nowhere', {}, 'ds/zero3.json', ['estimate/deepspeed-file-missing@8'], 3],
    ['both: the workspace root wins', { '/w/ds/zero3.json': ZERO2, '/w/configs/ds/zero3.json': JSON.stringify({ zero_optimization: { stage: 1 } }) }, 'ds/zero3.json', [], 2],
  ];
  for (const [title, files, ref, expected, stage] of table) {
    const text = `# peft-lens: gpus=2\n${AXOLOTL(`deepspeed: ${ref}`)}`;
    const c = createContext({ host: workspace(files) });
    const d = openDocument('/w/configs/train.yml', text, c.settings);
    assert.deepEqual(summary(text, (await check(d, c)).filter((i) => CODES(i.code))), expected, title);
    assert.equal((await estimate(d, c)).plan?.training.sharding?.value.stage, stage, title);
  }
});

test('a DeepSpeed file with a numeric train_batch_size gives the GPU count: micro-batch × accumulation × world size', async () => {
  const files = { '/w/ds.json': JSON.stringify({ train_batch_size: 32, train_micro_batch_size_per_gpu: 'auto', gradient_accumulation_steps: 'auto', zero_optimization: { stage: 3 } }) };
  const c = createContext({ host: workspace(files) });
  const text = AXOLOTL('gradient_accumulation_steps: 4', 'deepspeed: ds.json');
  const d = openDocument('/w/train.yml', text, c.settings);
  const gpus = (await estimate(d, c)).plan?.training.gpus;
  assert.equal(gpus?.value, 4, 'micro-batch 2 from the config, accumulation 4: 32 / 8');
  assert.match(gpus!.assumed!, /`train_batch_size` 32 in `\/w\/ds.json` ÷ \(micro-batch 2 × accumulation 4\)/);
  // A count the file states wins over the DeepSpeed arithmetic.
  assert.equal((await estimate(openDocument('/w/train.yml', `# peft-lens: gpus=2\n${text}`, c.settings), c)).plan?.training.gpus?.value, 2);
});

test('a missing DeepSpeed file names the paths tried and how the tool resolves it; a file beside the config gets a fix to the root-relative path', async () => {
  const text = AXOLOTL('deepspeed: deepspeed_configs/zero3_bf16.json');
  const c = createContext({ host: workspace({}) });
  const missing = (await check(openDocument('/w/configs/train.yml', text, c.settings), c)).find((i) => i.code === 'estimate/deepspeed-file-missing')!;
  assert.match(missing.message, /looked for `\/w\/deepspeed_configs\/zero3_bf16.json` or `\/w\/configs\/deepspeed_configs\/zero3_bf16.json`/);
  assert.match(missing.message, /axolotl 0\.18 opens it relative to the folder you launch from/);
  assert.match(missing.message, /axolotl fetch deepspeed_configs/);
  const lf = lines('model_name_or_path: Qwen/Qwen2.5-7B', 'stage: sft', 'finetuning_type: lora', 'deepspeed: examples/deepspeed/ds_z3_config.json');
  const lfMissing = (await check(openDocument('/w/lf.yaml', lf, c.settings), c)).find((i) => i.code === 'estimate/deepspeed-file-missing')!;
  assert.match(lfMissing.message, /LLaMA-Factory 0\.9\.6 hands it to transformers' TrainingArguments/);
  assert.doesNotMatch(lfMissing.message, /axolotl fetch/);
  const beside = createContext({ host: workspace({ '/w/configs/ds.json': ZERO2 }) });
  const near = `# peft-lens: gpus=2\n${AXOLOTL('deepspeed: ds.json')}`;
  const info = (await check(openDocument('/w/configs/train.yml', near, beside.settings), beside)).find((i) => i.code === 'estimate/deepspeed-file-beside')!;
  assert.equal(info.fixes?.[0].title, 'Write the path from the workspace root: `configs/ds.json`');
  assert.match(applyFix(near, info.fixes![0]), /^deepspeed: configs\/ds.json$/m);
});

test('no missing-file warning where the host cannot tell: no file system, or an untrusted workspace and a file outside it', async () => {
  const text = AXOLOTL('deepspeed: /etc/ds_z3.json');
  const untrusted = createContext({ host: workspace({}, false) });
  assert.equal((await check(openDocument('/w/train.yml', text, untrusted.settings), untrusted)).filter((i) => i.code.startsWith('estimate/deepspeed')).length, 0);
  assert.equal((await check(doc('/w/train.yml', text), ctx())).filter((i) => i.code.startsWith('estimate/deepspeed')).length, 0);
});
