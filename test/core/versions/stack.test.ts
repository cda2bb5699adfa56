/** Which stack a file is checked against: first-line comment › setting › workspace pins › reference. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../../core/src/index';
import { check, createContext, hoverAt, openDocument } from '../../../core/src/index';
import { condaPins, lockPins, pyprojectPins, requirementsPins } from '../../../core/src/versions/pins';
import { satisfies } from '../../../core/src/versions/semver';
import { resolveStack } from '../../../core/src/versions/stack';
import { ctx, doc, summary } from '../../helpers/fixtures';
import { lines } from '../rules/ruleTable';

const LF = lines('model_name_or_path: Qwen/Qwen3-4B', 'stage: sft', 'do_train: true', 'finetuning_type: lora', 'template: qwen3', 'dataset: alpaca_en_demo', 'output_dir: saves/q', 'warmup_ratio: 0.1');

test('specifiers as pip reads them', () => {
  assert.ok(satisfies('5.8', '>=4.55.0,<=5.8.0,!=4.57.0,!=5.6.0'));
  assert.ok(!satisfies('5.17', '>=4.55.0,<=5.8.0'));
  assert.ok(!satisfies('5.6', '>=4.55.0,<=5.8.0,!=5.6.0'));
  assert.ok(satisfies('0.19.3', '~=0.19.1') && !satisfies('0.20.0', '~=0.19.1'));
  assert.ok(satisfies('5.14.1', '==5.14.1') && satisfies('2.11.0+cu128', '>=2.11.0,<=2.12.1'));
});

test('dependency files: exact pins and the top of a range count, lower bounds do not', () => {
  assert.deepEqual(requirementsPins(lines('# training', 'transformers[torch]==5.8.0 ; python_version > "3.10"', 'peft>=0.18', 'trl>=0.18.0,<=0.24.0', '-e .', 'torch==2.11.0+cu128')), { transformers: '5.8.0', trl: '0.24.0', torch: '2.11.0+cu128' });
  assert.deepEqual(lockPins(lines('version = 1', '[[package]]', 'name = "transformers"', 'version = "5.14.1"', '', '[[package]]', 'name = "numpy"', 'version = "2.0.0"', '[[package]]', 'name = "peft"', 'version = "0.19.1"')), { transformers: '5.14.1', peft: '0.19.1' });
  assert.deepEqual(pyprojectPins(lines('[project]', 'dependencies = ["transformers==5.17.0", "peft>=0.18"]', '[tool.poetry.dependencies]', 'trl = "1.9.0"', 'torch = { version = "2.11.0" }')), { transformers: '5.17.0', trl: '1.9.0', torch: '2.11.0' });
  assert.deepEqual(condaPins(lines('dependencies:', '  - pytorch::pytorch=2.11', '  - pip:', '    - transformers==5.8.0')), { torch: '2.11', transformers: '5.8.0' });
});

test('the reference stack: the tool release pins its dependencies', () => {
  const s = resolveStack({ format: 'llamafactory', text: LF });
  assert.equal(s.reference, true);
  assert.deepEqual(s.versions, { llamafactory: '0.9.6', transformers: '5.8', peft: '0.20', trl: '0.24', torch: '2.11' });
  assert.equal(resolveStack({ format: 'axolotl', text: 'base_model: x\n' }).versions.transformers, '5.14.1');
  assert.equal(resolveStack({ format: 'trl', text: 'model_name_or_path: x\n' }).versions.transformers, '5.17');
});

test('the first line beats the setting, the setting beats the workspace, each package on its own', () => {
  const s = resolveStack({
    format: 'llamafactory',
    text: `# peft-lens: transformers=5.17\n${LF}`,
    setting: 'transformers=5.2 peft=0.19',
    workspace: { pins: { transformers: '4.57.1', peft: '0.18.1', trl: '0.23.0' }, files: { transformers: 'requirements.txt', peft: 'requirements.txt', trl: 'uv.lock' } },
  });
  assert.deepEqual(s.versions, { llamafactory: '0.9.6', transformers: '5.17', peft: '0.19', trl: '0.23.0', torch: '2.11' });
  assert.deepEqual(s.origin, { llamafactory: 'default', transformers: 'comment', peft: 'setting', trl: 'workspace', torch: 'default' });
  assert.deepEqual(s.files, { trl: 'uv.lock' });
  assert.equal(s.reference, false);
});

test('an older tool release brings its own default stack', () => {
  const s = resolveStack({ format: 'llamafactory', text: `# peft-lens: format=llamafactory llamafactory=0.9.4\n${LF}` });
  assert.equal(s.release, '0.9.4');
  assert.equal(s.versions.transformers, '4.57.1');
});

test('warmup_ratio: a warning on LLaMA-Factory 0.9.6 (transformers 5.8), an error where transformers 5.17 removed it; each names its stack', async () => {
  const deprecated = (await check(doc('/w/lf.yaml', LF), ctx())).filter((i) => i.code.startsWith('versions/'));
  assert.deepEqual(summary(LF, deprecated), ['versions/deprecated-key@8']);
  assert.equal(deprecated[0].severity, 'warning');
  assert.match(deprecated[0].message, /transformers 5\.8 \(LLaMA-Factory 0\.9\.6's default, the reference stack\)/);
  assert.equal(deprecated[0].fixes?.[0].edits[0].newText, 'warmup_steps');

  const text = `# peft-lens: transformers=5.17\n${LF}`;
  const removed = (await check(doc('/w/lf.yaml', text), ctx())).filter((i) => i.code.startsWith('versions/'));
  assert.deepEqual(summary(text, removed), ['versions/outside-pins@1', 'versions/removed-key@9']);
  assert.deepEqual(removed.map((i) => i.severity), ['warning', 'error']);
  assert.match(removed[1].message, /removed in 5\.15; checked against transformers 5\.17 \(stated on the first line\)/);
  assert.match(removed[0].message, /LLaMA-Factory 0\.9\.6 requires transformers >= 4\.55\.0, <= 5\.8\.0.*DISABLE_VERSION_CHECK=1/);
});

test('the same file in the settings instead of the comment', async () => {
  const issues = await check(doc('/w/lf.yaml', LF), ctx({ stacks: { llamafactory: 'transformers=5.15' } }));
  const removed = issues.find((i) => i.code === 'versions/removed-key');
  assert.match(removed?.message ?? '', /transformers 5\.15 \(from the `peftLens\.stacks` setting for llamafactory\)/);
});

/** A host over an in-memory workspace (`/ws`), trusted or not. */
function host(files: Record<string, string>, trusted = true): Host {
  return {
    trusted,
    workspaceFolders: ['/ws'],
    readFile: async (p) => files[p],
    listDir: async (dir) => Object.keys(files).filter((p) => p.slice(0, p.lastIndexOf('/')) === dir).map((p) => p.slice(p.lastIndexOf('/') + 1)),
  };
}

const WORKSPACE = { '/ws/requirements-train.txt': 'transformers==5.17.0\n', '/ws/configs/uv.lock': '[[package]]\nname = "peft"\nversion = "0.20.0"\n' };

test('workspace pins are read from the config folder up to the workspace root, only when trusted', async () => {
  const context = createContext({ host: host(WORKSPACE) });
  const d = openDocument('/ws/configs/lf.yaml', LF, context.settings);
  const removed = (await check(d, context)).find((i) => i.code === 'versions/removed-key');
  assert.match(removed?.message ?? '', /transformers 5\.17\.0 \(pinned in requirements-train\.txt\)/);
  assert.equal(removed?.severity, 'error');

  const untrusted = createContext({ host: host(WORKSPACE, false) });
  const issues = await check(openDocument('/ws/configs/lf.yaml', LF, untrusted.settings), untrusted);
  assert.deepEqual(issues.filter((i) => i.code.startsWith('versions/')).map((i) => i.code), ['versions/deprecated-key']);

  const outside = createContext({ host: host({ '/elsewhere/requirements.txt': 'transformers==5.17.0\n' }) });
  const far = await check(openDocument('/elsewhere/lf.yaml', LF, outside.settings), outside);
  assert.deepEqual(far.filter((i) => i.code.startsWith('versions/')).map((i) => i.code), ['versions/deprecated-key']);
});

test('the first line hovers with the stack and why', async () => {
  const text = `# peft-lens: transformers=5.17\n${LF}`;
  const hover = await hoverAt(doc('/w/lf.yaml', text), 3, ctx());
  assert.match(hover?.markdown ?? '', /Checked against\*\* LLaMA-Factory 0\.9\.6 · transformers 5\.17 · PEFT 0\.20 · TRL 0\.24 · torch 2\.11/);
  assert.match(hover?.markdown ?? '', /\| transformers \| 5\.17 \| stated on the first line \|/);
  const plain = await hoverAt(doc('/w/lf.yaml', LF), 2, ctx());
  assert.match(plain?.markdown ?? '', /the reference stack/);
  assert.match(plain?.markdown ?? '', /`model_name_or_path`|Model/);
});

test('a key with a release history says it in its hover, for this file\'s stack', async () => {
  const text = LF.replace('warmup_ratio: 0.1', 'warmup_<|>ratio: 0.1');
  const offset = text.indexOf('<|>');
  const plain = text.replace('<|>', '');
  const hover = await hoverAt(doc('/w/lf.yaml', plain), offset, ctx());
  assert.match(hover?.markdown ?? '', /\*\*History:\*\* transformers deprecated in 5\.0, removed in 5\.15 \(replaced by `warmup_steps`\)\. On transformers 5\.8 \(LLaMA-Factory 0\.9\.6's default, the reference stack\): deprecated/);
});
